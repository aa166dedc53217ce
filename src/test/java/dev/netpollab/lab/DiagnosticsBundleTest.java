package dev.netpollab.lab;

import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.testing.ManualClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The diagnostics bundle: named by time, never failing its caller, bounded in number; and what a cluster contributes. */
class DiagnosticsBundleTest {
    @Test
    @DisplayName("a bundle is a folder named by the time, with a README listing its files; what cannot be collected says why")
    void writesAndIndexes(@TempDir Path root) throws Exception {
        ManualClock clock = new ManualClock("2026-11-29T10:15:30Z");
        DiagnosticsBundle b = new Diagnostics(root, clock, x -> x.collect("k3s-container.log", () -> {
            throw new IllegalStateException("container is gone");
        })).write("probes disagree", x -> x.write("logs/probe-execs.txt", "script\n"));
        assertThat(b.dir()).isEqualTo(root.resolve("20261129-101530"));
        assertThat(Files.readString(b.dir().resolve("logs/probe-execs.txt"))).isEqualTo("script\n");
        assertThat(Files.readString(b.dir().resolve("k3s-container.log"))).isEqualTo("could not collect k3s-container.log: container is gone\n");
        assertThat(Files.readString(b.dir().resolve("README.txt"))).contains("reason: probes disagree").contains("  logs/probe-execs.txt")
                .contains("  k3s-container.log");
        assertThat(b.sendLine()).startsWith("diagnostics written to " + b.dir() + " — to report this, zip that folder").contains("no kubeconfig or secrets");
        // The same second again: a sibling folder, never an overwrite.
        assertThat(DiagnosticsBundle.create(root, "again", clock).dir()).isEqualTo(root.resolve("20261129-101530-2"));
    }

    @Test
    @DisplayName("only the newest bundles are kept")
    void prunes(@TempDir Path root) {
        ManualClock clock = new ManualClock();
        for (int i = 0; i < DiagnosticsBundle.KEEP + 5; i++) {
            DiagnosticsBundle.create(root, "n" + i, clock);
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(root.toFile().list()).hasSize(DiagnosticsBundle.KEEP).contains("20261129-102400").doesNotContain("20261129-100000");
    }

    @Test
    @DisplayName("a cluster's part: pods -A wide, events, nodes, policies, server version — read through the API, never the kubeconfig")
    void clusterState(@TempDir Path root) throws Exception {
        EmbeddedLab lab = EmbeddedLab.start();
        try {
            var s = ScenarioLibrary.load(List.of()).require("or-that-should-be-and");
            lab.provision(s, LabProgress.NONE);
            lab.applyBroken(s);
            DiagnosticsBundle b = DiagnosticsBundle.create(root, "test", new ManualClock());
            ClusterState.collect(lab.client(), b);
            String pods = Files.readString(b.dir().resolve("pods-wide.txt"));
            assertThat(pods.lines().findFirst().orElseThrow()).startsWith("NAMESPACE").contains("READY", "STATUS", "IP", "NODE");
            String ns = s.world().scenarioNamespaces().get(0);
            assertThat(pods).contains(ns);
            assertThat(Files.readString(b.dir().resolve("networkpolicies.yaml"))).contains("kind: NetworkPolicy");
            assertThat(b.dir().resolve("events.txt")).exists();
            assertThat(b.dir().resolve("nodes.txt")).exists();
            assertThat(b.dir().resolve("felix.log")).exists();
            assertThat(Files.readString(b.dir().resolve("README.txt"))).doesNotContain("kubeconfig");
        } finally {
            lab.close();
        }
        assertThat(ClusterState.versions()).contains("java ").contains("fabric8 kubernetes-client").contains("probe image registry.k8s.io/e2e-test-images/agnhost");
    }
}
