package dev.netpollab.shell;

import dev.netpollab.exam.ProgressStore;
import dev.netpollab.lab.EmbeddedLab;
import dev.netpollab.lab.cluster.ClusterLab;
import dev.netpollab.scenario.ScenarioLibrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shell on an existing cluster (here an API server standing in for one): prefixed namespaces, and what it cannot run. */
class ClusterLabShellTest {
    @TempDir
    Path home;

    @AfterEach
    void clear() {
        System.clearProperty("netpollab.home");
    }

    @Test
    @DisplayName("list marks scenarios with outside endpoints, start refuses them with the reason, others start in netpol-lab-* namespaces")
    void listAndStart() throws Exception {
        System.setProperty("netpollab.home", home.toString());
        try (EmbeddedLab api = EmbeddedLab.start()) {
            ClusterLab lab = new ClusterLab(new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(api.client().getConfiguration()).build(),
                    "kind-cks", home.resolve("kubeconfig"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String script = "list\nstatus\nstart default-deny-egress-dns\nstart or-that-should-be-and\nquit\n";
            int rc = Shell.run(new Shell.Options(ScenarioLibrary.load(List.of()), LabHandle.of(lab), new DrillMode("an existing cluster"),
                    ProgressStore.open(), true, Clock.systemUTC(), new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), out));
            String screen = out.toString(StandardCharsets.UTF_8);
            assertThat(rc).isZero();
            assertThat(screen).containsPattern("⊘ +default-deny-egress-dns").contains("⊘ probes endpoints outside the cluster");
            assertThat(screen).contains("default-deny-egress-dns probes endpoints outside the cluster (ext:");
            assertThat(screen).contains("netpol-lab-backend").doesNotContain("\tat ");
            String export = "export KUBECONFIG=" + home.resolve("kubeconfig");
            assertThat(screen).as("said once the lab is up, and by status").contains("ready; for kubectl in another terminal: " + export)
                    .contains("kubectl:  " + export);
            assertThat(api.client().namespaces().withName("netpol-lab-backend").get()).as("removed when the shell ends").isNull();
        }
    }
}
