package dev.netpollab.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Options every command accepts. */
public class GlobalOptions {
    @Option(names = "--scenarios", paramLabel = "DIR",
            description = "Also load scenarios from DIR (repeatable). The built-in library is always loaded.")
    List<Path> scenarioDirs = new ArrayList<>();

    @Option(names = "--lab", paramLabel = "KIND",
            description = "Where to run: embedded, k3s or cluster. Default: k3s when Docker works, else embedded.")
    String lab;

    @Option(names = "--context", paramLabel = "C", description = "kubeconfig context for --lab cluster.")
    String context;

    @Option(names = "--kubeconfig", paramLabel = "F", description = "kubeconfig file for --lab cluster.")
    Path kubeconfig;

    @Option(names = "--no-color", description = "Plain text output, no ANSI colour.")
    boolean noColor;

    @Option(names = "--cni", paramLabel = "CNI", defaultValue = "calico",
            description = "k3s lab: calico (default) or k3s (its built-in controller: faster, rejects instead of dropping, approximate).")
    String cni;

    @Option(names = "--reuse", description = "k3s lab: keep one cluster alive between runs (needs testcontainers.reuse.enable=true).")
    boolean reuse;

    @Option(names = "--calico-manifest", paramLabel = "FILE", description = "k3s lab: a local calico.yaml (offline machines); checked against the pin.")
    Path calicoManifest;
}
