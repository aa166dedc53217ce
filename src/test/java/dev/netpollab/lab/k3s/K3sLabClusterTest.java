package dev.netpollab.lab.k3s;

import dev.netpollab.grade.CellResult;
import dev.netpollab.grade.Grade;
import dev.netpollab.grade.Grader;
import dev.netpollab.lab.Applier;
import dev.netpollab.lab.LabProgress;
import dev.netpollab.probe.Outcome;
import dev.netpollab.probe.Prober;
import dev.netpollab.probe.Probers;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testcontainers.DockerClientFactory;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real thing: a disposable k3s cluster with Calico, and scenarios graded by curl between pods.
 * Runs with `make test-cluster` where Docker can pull the images; skipped with the reason elsewhere.
 */
@Tag("cluster")
@ExtendWith(ClusterImages.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class K3sLabClusterTest {
    private static final LabProgress PRINT = (phase, done, total) -> System.out.println("  k3s: " + phase + (total > 0 ? " " + done + "/" + total : ""));
    private K3sLab lab;
    private String containerId;
    private ScenarioLibrary library;

    @BeforeAll
    void boot() {
        library = ScenarioLibrary.load(List.of());
        lab = K3sLab.start(new K3sLab.Options("calico", false, Optional.empty()), PRINT);
        containerId = lab.containerId();
    }

    @AfterAll
    void teardownAndCheckNothingLeft() {
        if (lab == null) {
            return;
        }
        lab.close();
        var running = DockerClientFactory.instance().client().listContainersCmd().withIdFilter(List.of(containerId)).exec();
        assertThat(running).as("the k3s container is gone after close").isEmpty();
    }

    /** default-deny, DNS egress, cross-namespace AND: the broken state fails, the reference solution passes. */
    @ParameterizedTest(name = "{0}: broken fails, solution passes")
    @ValueSource(strings = {"default-deny-scope", "default-deny-egress-dns", "or-that-should-be-and"})
    @DisplayName("real probes grade the broken state as failing and the solution as passing")
    void brokenFailsSolutionPasses(String id) {
        Scenario s = lab.adapt(library.require(id));
        lab.reset(s, PRINT);
        Prober prober = Probers.of(lab);
        assertThat(prober.real()).isTrue();

        Grade broken = new Grader().grade(s, lab.snapshot(s), prober);
        assertThat(broken.passed()).as("broken state of " + id).isFalse();
        assertThat(broken.cells()).extracting(c -> c.observation().outcome()).doesNotContain(Outcome.ERROR);

        for (String ns : s.world().scenarioNamespaces()) {
            lab.client().network().networkPolicies().inNamespace(ns).delete();
        }
        Applier.apply(lab.client(), s.solutionPolicies());
        Grade fixed = new Grader().grade(s, lab.snapshot(s), prober);
        assertThat(fixed.failedCells()).as("solution of " + id + ": " + fixed.failedCells()).isEmpty();
        assertThat(fixed.passed()).isTrue();

        // A denied connection is dropped by Calico: curl times out (blocked), it is not an error.
        List<CellResult> denied = fixed.cells().stream().filter(c -> !c.expectAllowed()).toList();
        assertThat(denied).isNotEmpty().allSatisfy(c -> assertThat(c.observation().outcome()).isIn(Outcome.BLOCKED, Outcome.DNS_FAILED));
        assertThat(fixed.cells()).allSatisfy(c -> assertThat(c.observation().matchesPrediction())
                .as("real probe agrees with the engine: " + c.observation()).isTrue());
        lab.teardown(s, PRINT);
    }
}
