package dev.netpollab.workshop;

import dev.netpollab.grade.CellResult;
import dev.netpollab.grade.CheckResult;
import dev.netpollab.grade.Coach;
import dev.netpollab.grade.Grade;
import dev.netpollab.grade.GradeRow;
import dev.netpollab.grade.Grader;
import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.lab.OfflineCluster;
import dev.netpollab.lab.PolicyAdmission;
import dev.netpollab.policy.lint.Finding;
import dev.netpollab.probe.ModelProber;
import dev.netpollab.probe.Outcome;
import dev.netpollab.scenario.AcceptedLint;
import dev.netpollab.scenario.KubeYaml;
import dev.netpollab.scenario.Scenario;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Grades what a learner sent, with the engine, on the task's world as set up: the learner's policies are
 * admitted as the API server would admit them, graded on the computed probes, scored as exam credit, and
 * what the learner's own lab observed is compared cell by cell (disagreements are kept, never scored).
 */
final class SubmissionGrader {
    private static final Set<String> OUTCOMES = new HashSet<>(Arrays.stream(Outcome.values()).map(Outcome::label).toList());

    private SubmissionGrader() {
    }

    /**
     * A task as the server grades it: its scenario, weight, the grade of its broken state (what is to fix), and
     * its world as set up (built once; each result only brings policies).
     */
    record GradedTask(Scenario scenario, int weight, Grade broken, ClusterSnapshot world) {
        static GradedTask of(Scenario s, int weight) {
            return new GradedTask(s, weight, grade(s, s.brokenPolicies()), OfflineCluster.snapshot(s, List.of()));
        }
    }

    record Graded(TaskScore score, SeatResult.Detail detail) {
    }

    static Grade grade(Scenario s, List<NetworkPolicy> policies) {
        return new Grader().grade(s, OfflineCluster.snapshot(s, policies), new ModelProber());
    }

    /**
     * Every policy through {@link PolicyAdmission}; a policy without a namespace lands in default, as kubectl
     * would put it.
     *
     * @throws Refusal 400 for what cannot be decoded, 422 for an invalid or duplicate policy
     */
    static List<NetworkPolicy> admit(List<JsonNode> received) {
        if (received.size() > WorkshopApi.MAX_POLICIES) {
            throw new Refusal(422, "policies: Too many: " + received.size() + ": must have at most " + WorkshopApi.MAX_POLICIES + " items");
        }
        List<NetworkPolicy> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < received.size(); i++) {
            JsonNode node = received.get(i);
            if (node == null || !node.isObject()) {
                throw new Refusal(400, "policies[" + i + "]: must be a NetworkPolicy object");
            }
            String kind = node.path("kind").asString("");
            if (!kind.equals("NetworkPolicy")) {
                throw new Refusal(422, "policies[" + i + "].kind: Unsupported value: \"" + kind + "\": supported values: \"NetworkPolicy\"");
            }
            PolicyAdmission.Result r = PolicyAdmission.admit(node.toString());
            if (!r.admitted()) {
                throw new Refusal(r.code(), "policies[" + i + "]: " + r.message());
            }
            NetworkPolicy np = r.policy();
            if (np.getMetadata().getNamespace() == null || np.getMetadata().getNamespace().isEmpty()) {
                np.getMetadata().setNamespace("default");
            }
            String id = np.getMetadata().getNamespace() + "/" + np.getMetadata().getName();
            if (!names.add(id)) {
                throw new Refusal(422, "policies[" + i + "].metadata.name: Duplicate value: \"" + id + "\"");
            }
            out.add(np);
        }
        return out;
    }

    static Graded grade(GradedTask task, List<NetworkPolicy> policies, WorkshopApi.Observed observed) {
        Scenario s = task.scenario();
        ClusterSnapshot snapshot = task.world().replacePolicies(policies);
        Grade g = new Grader().grade(s, snapshot, new ModelProber());
        TaskScore score = TaskScore.of(task.broken(), g, task.weight());
        Map<String, String> seen = new HashMap<>();
        if (observed != null && observed.cells() != null) {
            observed.cells().forEach(c -> seen.put(c.probe(), c.outcome()));
        }
        List<SeatResult.Cell> cells = new ArrayList<>();
        List<SeatResult.Disagreement> disagreements = new ArrayList<>();
        for (GradeRow row : g.rows()) {
            if (row instanceof CheckResult k) {
                // Object checks are rows like the cells: the room's most common misses include "allow-dns does not exist".
                cells.add(new SeatResult.Cell(k.label(), "met", k.pass() ? "met" : "not met", k.pass(), k.detail()));
                continue;
            }
            CellResult c = (CellResult) row;
            String probe = c.probe().toString();
            String engine = c.observation().outcome().label();
            cells.add(new SeatResult.Cell(probe, c.expectedLabel(), engine, c.pass(), c.reason()));
            String other = seen.get(probe);
            if (other != null && !other.equals(engine)) {
                disagreements.add(new SeatResult.Disagreement(probe, engine, other));
            }
        }
        Set<String> accepted = new HashSet<>(s.acceptLint().stream().map(AcceptedLint::id).toList());
        List<SeatResult.Finding> findings = new ArrayList<>();
        for (Finding f : Coach.lint(snapshot)) {
            if (!accepted.contains(f.id())) {
                findings.add(new SeatResult.Finding(f.id(), f.severity().label(), f.policy() == null ? "" : f.policy().toString(), f.meaning()));
            }
        }
        // Kept as JSON (quicker to write than YAML, and YAML readers read it); shown as YAML on the dashboard.
        List<String> yaml = policies.stream().map(p -> KubeYaml.serialization().asJson(p)).toList();
        List<String> integrity = observed == null || observed.integrity() == null ? List.of() : observed.integrity();
        return new Graded(score, new SeatResult.Detail(yaml, cells, disagreements, findings, integrity));
    }

    /**
     * The observed part, checked: known outcomes, bounded sizes and lengths.
     *
     * @throws Refusal 422 naming the field
     */
    static void checkObserved(WorkshopApi.Observed o) {
        if (o == null) {
            return;
        }
        if (o.lab() == null || !List.of("embedded", "k3s", "cluster").contains(o.lab())) {
            throw new Refusal(422, "observed.lab: Unsupported value: \"" + o.lab() + "\": supported values: \"embedded\", \"k3s\", \"cluster\"");
        }
        List<WorkshopApi.ObservedCell> cells = o.cells() == null ? List.of() : o.cells();
        if (cells.size() > WorkshopApi.MAX_CELLS) {
            throw new Refusal(422, "observed.cells: Too many: " + cells.size() + ": must have at most " + WorkshopApi.MAX_CELLS + " items");
        }
        for (int i = 0; i < cells.size(); i++) {
            WorkshopApi.ObservedCell c = cells.get(i);
            if (c == null || c.probe() == null || c.probe().length() > WorkshopApi.MAX_TEXT) {
                throw new Refusal(422, "observed.cells[" + i + "].probe: Invalid value: must be a probe of at most " + WorkshopApi.MAX_TEXT + " characters");
            }
            if (!OUTCOMES.contains(c.outcome())) {
                throw new Refusal(422, "observed.cells[" + i + "].outcome: Unsupported value: \"" + c.outcome() + "\": supported values: "
                        + String.join(", ", OUTCOMES.stream().sorted().map(x -> "\"" + x + "\"").toList()));
            }
        }
        List<String> integrity = o.integrity() == null ? List.of() : o.integrity();
        if (integrity.size() > 100 || integrity.stream().anyMatch(t -> t == null || t.length() > WorkshopApi.MAX_TEXT)) {
            throw new Refusal(422, "observed.integrity: Invalid value: at most 100 lines of at most " + WorkshopApi.MAX_TEXT + " characters");
        }
    }
}
