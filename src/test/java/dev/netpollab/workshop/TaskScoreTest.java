package dev.netpollab.workshop;

import dev.netpollab.grade.Grade;
import dev.netpollab.scenario.KubeYaml;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Exam credit for what was fixed, on a fixture copy of default-deny-scope as it was first written (weight 4; a
 * fixture, so that hardening the library does not move these numbers): four targets (cells failing in the broken
 * state: the ledger and the worker must be isolated) and two guards (frontend → api and ledger → frontend
 * already flow and must keep flowing).
 */
class TaskScoreTest {
    static Scenario scenario;
    static Grade broken;

    @BeforeAll
    static void load() {
        scenario = ScenarioLibrary.loadPaths(List.of(Path.of("src/test/resources/fixtures/credit-default-deny.yaml")))
                .require("credit-default-deny");
        broken = SubmissionGrader.grade(scenario, scenario.brokenPolicies());
    }

    private static TaskScore score(List<NetworkPolicy> policies) {
        return TaskScore.of(broken, SubmissionGrader.grade(scenario, policies), 4);
    }

    private static List<NetworkPolicy> yaml(String text) throws Exception {
        return KubeYaml.read("test", text).stream().map(o -> (NetworkPolicy) o.object()).toList();
    }

    private static final String DENY_ALL = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny-ingress, namespace: payments}
            spec: {podSelector: {}, policyTypes: [Ingress]}
            """;

    @Test
    @DisplayName("an untouched task scores 0: the cells that already passed are guards, not credit")
    void untouched() {
        TaskScore s = score(scenario.brokenPolicies());
        assertThat(s.targets()).isEqualTo(4);
        assertThat(s.guards()).isEqualTo(2);
        assertThat(s.targetsMet()).isZero();
        assertThat(s.points()).isZero();
        assertThat(s.passed()).isFalse();
    }

    @Test
    @DisplayName("the reference solution scores the full weight and passes")
    void perfect() {
        TaskScore s = score(scenario.solutionPolicies());
        assertThat(s.points()).isEqualTo(4.0);
        assertThat(s.targetsMet()).isEqualTo(4);
        assertThat(s.guardsBroken()).isZero();
        assertThat(s.passed()).isTrue();
    }

    @Test
    @DisplayName("fixing every target while breaking a guard costs one target: 4 × (4 − 1) / 4 = 3")
    void guardBrokenCosts() throws Exception {
        TaskScore s = score(yaml(DENY_ALL));
        assertThat(s.targetsMet()).isEqualTo(4);
        assertThat(s.guardsBroken()).isEqualTo(1);
        assertThat(s.points()).isCloseTo(3.0, within(1e-9));
        assertThat(s.passed()).isFalse();
    }

    @Test
    @DisplayName("half the targets met scores half the weight")
    void partial() throws Exception {
        TaskScore s = score(yaml("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: default-deny-ingress, namespace: payments}
                spec: {podSelector: {matchLabels: {app: ledger}}, policyTypes: [Ingress]}
                """));
        assertThat(s.targetsMet()).isEqualTo(2);
        assertThat(s.guardsBroken()).isZero();
        assertThat(s.points()).isCloseTo(2.0, within(1e-9));
    }

    @Test
    @DisplayName("breaking guards without meeting targets never goes below 0")
    void floor() throws Exception {
        TaskScore s = score(yaml("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: only-api, namespace: payments}
                spec: {podSelector: {matchLabels: {app: api}}, policyTypes: [Ingress]}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: ledger-no-egress, namespace: payments}
                spec: {podSelector: {matchLabels: {app: ledger}}, policyTypes: [Egress]}
                """));
        assertThat(s.guardsBroken()).isEqualTo(2);
        assertThat(s.targetsMet()).isZero();
        assertThat(s.points()).isZero();
    }

    @Test
    @DisplayName("grades of two different tasks cannot be compared")
    void differentTasks() {
        Scenario other = ScenarioLibrary.load(List.of()).require("default-deny-egress-dns");
        Grade g = SubmissionGrader.grade(other, other.brokenPolicies());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TaskScore.of(broken, g, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("object checks are rows too: deleting a policy the task says to keep breaks a guard and costs")
    void checksCount() {
        Scenario lib = ScenarioLibrary.load(List.of()).require("default-deny-scope");
        Grade base = SubmissionGrader.grade(lib, lib.brokenPolicies());
        assertThat(lib.checks()).as("the library's default-deny-scope has object checks").isNotEmpty();
        List<NetworkPolicy> withoutKept = lib.solutionPolicies().stream()
                .filter(p -> !p.getMetadata().getName().equals("api-from-web")).toList();
        TaskScore kept = TaskScore.of(base, SubmissionGrader.grade(lib, lib.solutionPolicies()), 4);
        TaskScore dropped = TaskScore.of(base, SubmissionGrader.grade(lib, withoutKept), 4);
        assertThat(kept.targets() + kept.guards()).isEqualTo(base.rows().size());
        assertThat(kept.points()).isEqualTo(4.0);
        assertThat(dropped.guardsBroken()).isGreaterThan(0);
        assertThat(dropped.points()).isLessThan(kept.points());
    }
}
