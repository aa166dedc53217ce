package dev.netpollab.cli;

import dev.netpollab.lab.LabException;
import dev.netpollab.lab.k3s.CalicoManifest;
import dev.netpollab.lab.k3s.ClusterData;
import dev.netpollab.lab.k3s.ContainerdConfig;
import dev.netpollab.scenario.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "calico-manifest", description = {"Print the exact, patched Calico manifest the k3s lab applies, for review or for an "
        + "offline machine.", "The manifest goes to stdout and the list of changes to stderr."},
        footer = {"", "Exit status: 0 on success, 2 when the manifest cannot be read, downloaded or verified."})
public class CalicoManifestCommand implements Callable<Integer> {
    // --calico-manifest too: the name the lab commands and the offline advice use for the same file.
    @Option(names = {"--from", "--calico-manifest"}, paramLabel = "FILE",
            description = "A calico.yaml to patch; its sha256 must be a pinned one. Default: the cached copy, else a download.")
    Path from;

    @Option(names = "--cluster-cidr", paramLabel = "CIDR", description = "The pod network. Default: the k3s lab's own cluster CIDR.")
    String clusterCidr;

    @Option(names = "--cni-bin-dir", paramLabel = "DIR", defaultValue = ContainerdConfig.DEFAULT_BIN_DIR,
            description = "Where containerd looks for CNI plugins (the k3s lab reads it from the node). Default: ${DEFAULT-VALUE}.")
    String cniBinDir;

    @Option(names = "--cni-conf-dir", paramLabel = "DIR", defaultValue = ContainerdConfig.DEFAULT_CONF_DIR,
            description = "Where containerd looks for CNI configs. Default: ${DEFAULT-VALUE}.")
    String cniConfDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (from != null && !java.nio.file.Files.isRegularFile(from)) {
            throw new UserError("--from " + from + ": no such file");
        }
        CalicoManifest.Source src;
        try {
            src = CalicoManifest.load(Optional.ofNullable(from), ClusterData.calico(), err::println);
        } catch (LabException e) {
            // A missing, unreadable, unpinned or undownloadable manifest is for the user to fix, not a defect.
            throw new UserError(e.getMessage());
        }
        String cidr = clusterCidr != null ? clusterCidr : ClusterData.clusterCidr();
        if (dev.netpollab.policy.Cidr.parse(cidr).isEmpty()) {
            throw new UserError("--cluster-cidr " + cidr + " is not a CIDR");
        }
        CalicoManifest.Patched p = CalicoManifest.patched(src, Map.of("clusterCidr", cidr, "cniBinDir", cniBinDir, "cniConfDir", cniConfDir));
        err.println("# Calico manifest from " + src.origin() + " (sha256 " + src.sha256() + "), patched:");
        p.changes().forEach(c -> err.println("#   " + c));
        spec.commandLine().getOut().print(p.yaml());
        return 0;
    }
}
