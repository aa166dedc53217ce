package dev.netpollab.cli;

import dev.netpollab.lab.EmbeddedLab;
import dev.netpollab.lab.Lab;
import dev.netpollab.lab.LabProgress;
import dev.netpollab.lab.cluster.ClusterLab;
import dev.netpollab.lab.k3s.DockerEnvironment;
import dev.netpollab.lab.k3s.K3sLab;
import dev.netpollab.scenario.UserError;
import dev.netpollab.shell.LabHandle;

import java.util.Optional;
import java.util.function.Function;

/**
 * Picks the lab: --lab when given; otherwise k3s when a Docker endpoint is there, else the embedded lab.
 * A k3s lab chosen automatically can give way to the embedded one when it cannot start.
 */
final class LabChooser {
    private LabChooser() {
    }

    /** @param note why, for the banner */
    record Choice(String kind, Function<LabProgress, Lab> starter, String note, boolean fallback) {
        LabHandle handle() {
            return new LabHandle(kind, starter, fallback ? EmbeddedLab::start : null);
        }
    }

    static final String EMBEDDED_NOTE = "an in-process Kubernetes API; probes are computed by the policy engine, not sent";

    static Choice choose(LabOptions g) {
        if (!g.cni.equals("calico") && !g.cni.equals("k3s")) {
            throw new UserError("--cni must be calico or k3s, not \"" + g.cni + "\"");
        }
        String lab = g.lab;
        if (lab == null) {
            Optional<String> docker = DockerEnvironment.endpointHint();
            if (docker.isEmpty()) {
                return embeddedBecause(DockerEnvironment.noEndpointReason(DockerEnvironment.cli()));
            }
            if (DockerEnvironment.local(docker.get())) {
                // A socket left behind by a stopped daemon refuses at once: say so now rather than after a failed boot.
                Optional<String> down = DockerEnvironment.unavailableReason();
                if (down.isPresent()) {
                    return embeddedBecause(down.get());
                }
            }
            return new Choice("k3s", k3s(g), "booting k3s with " + g.cni + " in Docker (" + docker.get() + "); `status` shows progress", true);
        }
        return switch (lab) {
            case "embedded" -> new Choice("embedded", p -> EmbeddedLab.start(), EMBEDDED_NOTE, false);
            case "k3s" -> new Choice("k3s", k3s(g), "booting k3s with " + g.cni + " in Docker; progress is shown as it goes", true);
            case "cluster" -> new Choice("cluster", p -> ClusterLab.start(g.context, g.kubeconfig, p),
                    "an existing cluster" + (g.context == null ? " (current context)" : " (context " + g.context + ")") + "; checking that it enforces NetworkPolicy",
                    false);
            default -> throw new UserError("unknown lab \"" + lab + "\": choose embedded, k3s or cluster");
        };
    }

    /** The embedded lab, chosen because the k3s lab cannot run here; the banner's second line says why. */
    static Choice embeddedBecause(String why) {
        return new Choice("embedded", p -> EmbeddedLab.start(), EMBEDDED_NOTE + "\n     (not k3s: " + why + ")", false);
    }

    private static Function<LabProgress, Lab> k3s(LabOptions g) {
        K3sLab.Options o = new K3sLab.Options(g.cni, g.reuse, Optional.ofNullable(g.calicoManifest));
        return p -> {
            Optional<String> why = DockerEnvironment.unavailableReason();
            if (why.isPresent()) {
                throw new dev.netpollab.lab.LabException("the k3s lab needs Docker: " + why.get());
            }
            return K3sLab.start(o, p);
        };
    }
}
