package dev.netpollab.cli;

import dev.netpollab.lab.Applier;
import dev.netpollab.lab.DiagnosticsBundle;
import dev.netpollab.lab.EmbeddedLab;
import dev.netpollab.lab.Lab;
import dev.netpollab.lab.LabException;
import dev.netpollab.lab.LabProgress;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.testing.ManualClock;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** doctor --deep: each step timed, the first failure stops the run with its reason and a diagnostics bundle. */
class DeepCheckTest {
    private static final Scenario SCENARIO = ScenarioLibrary.load(List.of()).require(DoctorCommand.DEEP_SCENARIO);

    private record Run(int code, String out) {
    }

    private static Run run(Path bundles, String kind, java.util.function.Function<LabProgress, Lab> starter) {
        StringWriter w = new StringWriter();
        int code = new DeepCheck(new PrintWriter(w), bundles, new ManualClock()).run(kind, starter, SCENARIO);
        return new Run(code, w.toString());
    }

    private static Path only(Path root) throws Exception {
        try (var s = Files.list(root)) {
            List<Path> all = s.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }

    @Test
    @DisplayName("no Docker: the boot step fails with the reason, and a bundle with the steps and versions is still written")
    void bootFails(@TempDir Path bundles) throws Exception {
        Run r = run(bundles, "k3s", p -> {
            throw new LabException("the k3s lab needs Docker: no Docker endpoint (DOCKER_HOST is unset and no docker.sock was found)");
        });
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("doctor --deep: the k3s lab end to end, with default-deny-scope")
                .containsPattern("✗ boot the k3s lab +\\d+\\.\\d s  the k3s lab needs Docker: no Docker endpoint")
                .contains("diagnostics written to " + bundles).doesNotContain("✓").doesNotContain("Exception");
        Path b = only(bundles);
        assertThat(Files.readString(b.resolve("doctor-steps.txt"))).contains("✗ boot the k3s lab");
        assertThat(Files.readString(b.resolve("versions.txt"))).contains("k3s image").contains("--- docker version");
        assertThat(Files.readString(b.resolve("README.txt"))).contains("reason: doctor --deep: the k3s lab needs Docker");
    }

    @Test
    @DisplayName("a lab that wrote its own bundle gets the steps added to it, not a second bundle")
    void labBundleIsReused(@TempDir Path bundles) throws Exception {
        DiagnosticsBundle own = DiagnosticsBundle.create(bundles, "the k3s lab could not start", new ManualClock());
        own.write("k3s-container.log", "level=fatal msg=...\n");
        Run r = run(bundles, "k3s", p -> {
            throw new LabException("timed out after 240 s waiting for calico-node to be ready\n  " + own.sendLine(), null, own.dir());
        });
        assertThat(r.out()).containsOnlyOnce("diagnostics written to " + own.dir());
        assertThat(r.out().lines().filter(l -> l.startsWith("✗"))).singleElement().asString()
                .endsWith("timed out after 240 s waiting for calico-node to be ready");
        assertThat(only(bundles)).isEqualTo(own.dir());
        assertThat(Files.readString(own.dir().resolve("doctor-steps.txt"))).contains("✗ boot the k3s lab");
        assertThat(Files.readString(own.dir().resolve("README.txt"))).contains("k3s-container.log").contains("doctor-steps.txt");
    }

    @Test
    @DisplayName("a working lab: boot, canary, provision, broken fails, solution passes, teardown — each timed, no bundle")
    void allSteps(@TempDir Path bundles) {
        Run r = run(bundles, "embedded", p -> EmbeddedLab.start());
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith("✓")).map(l -> l.substring(2, 38).strip()).toList()).containsExactly(
                "boot the embedded lab", "canary", "provision default-deny-scope", "grade the broken state", "apply the solution and grade", "teardown");
        assertThat(r.out()).contains("fails as it should:").contains("passes: ").containsPattern("All steps passed in \\d+\\.\\d s\\.");
        assertThat(bundles).isEmptyDirectory();
    }

    @Test
    @DisplayName("a dataplane that lets the broken state pass stops the run at that step, with the lab's evidence in the bundle")
    void brokenStatePasses(@TempDir Path bundles) throws Exception {
        Run r = run(bundles, "embedded", p -> new SolvedFromTheStart(EmbeddedLab.start()));
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("✗ grade the broken state").contains("the broken state passed").doesNotContain("apply the solution");
        assertThat(Files.readString(only(bundles).resolve("lab-evidence.txt"))).isEqualTo("collected\n");
    }

    @Test
    @DisplayName("doctor --deep --lab embedded through the command line; an unknown --scenario is one clear message")
    void commandLine() {
        CliRun ok = CliRun.of("doctor", "--deep", "--lab", "embedded");
        assertThat(ok.exitCode()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("All steps passed");
        CliRun bad = CliRun.of("doctor", "--deep", "--lab", "embedded", "--scenario", "no-such-thing");
        assertThat(bad.exitCode()).isEqualTo(Main.INVALID_INPUT);
        assertThat(bad.err()).contains("no-such-thing");
    }

    /** A lab whose "broken" state is already the solution: what a CNI that enforces nothing would grade. */
    private static final class SolvedFromTheStart implements Lab {
        private final Lab lab;

        SolvedFromTheStart(Lab lab) {
            this.lab = lab;
        }

        @Override
        public void applyBroken(Scenario scenario) {
            Applier.apply(lab.client(), scenario.solutionPolicies());
        }

        @Override
        public void collectDiagnostics(DiagnosticsBundle bundle) {
            bundle.write("lab-evidence.txt", "collected\n");
        }

        @Override
        public String kind() {
            return lab.kind();
        }

        @Override
        public String describe() {
            return lab.describe();
        }

        @Override
        public KubernetesClient client() {
            return lab.client();
        }

        @Override
        public void provision(Scenario scenario, LabProgress progress) {
            lab.provision(scenario, progress);
        }

        @Override
        public void teardown(Scenario scenario, LabProgress progress) {
            lab.teardown(scenario, progress);
        }

        @Override
        public void close() {
            lab.close();
        }
    }
}
