package dev.netpollab.lab;

import dev.netpollab.grade.Grade;
import dev.netpollab.grade.Grader;
import dev.netpollab.grade.WorldIntegrity;
import dev.netpollab.probe.ModelProber;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The standard cluster objects (default, kube-public, kube-node-lease, default/kubernetes, kube-system/kube-dns with
 * their endpoints) change no grade: every scenario of the library, run one after another on one embedded lab, fails
 * broken and passes with its solution, with nothing reported against the world's integrity.
 */
class StandardClusterGradingTest {
    private static EmbeddedLab lab;

    @BeforeAll
    static void start() {
        lab = EmbeddedLab.start();
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    @Test
    @DisplayName("every library scenario on the embedded lab: broken fails, solution passes, integrity untouched")
    void library() {
        List<String> wrong = new ArrayList<>();
        for (Scenario s : ScenarioLibrary.load(List.of()).scenarios()) {
            lab.provision(s, LabProgress.NONE);
            lab.applyBroken(s);
            Grade broken = new Grader().grade(s, lab.snapshot(s), new ModelProber());
            Applier.apply(lab.client(), s.solutionPolicies());
            s.brokenPolicies().stream().filter(b -> s.solutionPolicies().stream().noneMatch(x -> x.getMetadata().getName().equals(b.getMetadata().getName())
                    && x.getMetadata().getNamespace().equals(b.getMetadata().getNamespace()))).forEach(b -> lab.client().resource(b).delete());
            ClusterSnapshot after = lab.snapshot(s);
            Grade fixed = new Grader().grade(s, after, new ModelProber());
            List<String> integrity = WorldIntegrity.differences(s, after);
            if (broken.passed() || !fixed.passed() || !integrity.isEmpty()) {
                wrong.add(s.id() + ": broken passed=" + broken.passed() + ", solution passed=" + fixed.passed() + " " + fixed.failedCells() + integrity);
            }
            lab.teardown(s, LabProgress.NONE);
        }
        assertThat(wrong).isEmpty();
        assertThat(lab.client().services().inNamespace("default").withName("kubernetes").get()).isNotNull();
        assertThat(lab.client().namespaces().withName("kube-public").get()).isNotNull();
    }
}
