package dev.netpollab.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** For commands that start a lab (the drill shell, a mock exam): which lab, and how to reach or boot it. */
public class LabOptions {
    @Option(names = "--lab", paramLabel = "KIND",
            description = "Where to run: embedded, k3s or cluster. The default is k3s when Docker works and embedded otherwise.")
    String lab;

    @Option(names = "--context", paramLabel = "C", description = "The kubeconfig context for --lab cluster.")
    String context;

    @Option(names = "--kubeconfig", paramLabel = "F", description = "The kubeconfig file for --lab cluster.")
    Path kubeconfig;

    @Option(names = "--cni", paramLabel = "CNI", defaultValue = "calico",
            description = "For the k3s lab: calico (the default) or k3s. The built-in controller of k3s is faster but rejects "
                    + "denied traffic instead of dropping it: its results are approximate.")
    String cni;

    @Option(names = "--reuse", description = "For the k3s lab: keep one cluster alive between runs (Testcontainers must allow reuse; see the README).")
    boolean reuse;

    @Option(names = "--calico-manifest", paramLabel = "FILE",
            description = "For the k3s lab: a local calico.yaml for offline machines, checked against the pinned sha256.")
    Path calicoManifest;
}
