package dev.netpollab.grade;

import dev.netpollab.scenario.PolicyCheck;
import dev.netpollab.scenario.Scenario;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Grades a scenario's object checks against the policies a lab holds. */
public final class ObjectChecks {
    private ObjectChecks() {
    }

    /** @param policies every policy of the lab's snapshot */
    public static List<CheckResult> grade(Scenario scenario, List<NetworkPolicy> policies) {
        List<CheckResult> out = new ArrayList<>();
        for (PolicyCheck c : scenario.checks()) {
            out.add(grade(scenario, c, policies));
        }
        return out;
    }

    static CheckResult grade(Scenario scenario, PolicyCheck check, List<NetworkPolicy> policies) {
        Optional<NetworkPolicy> found = find(policies, check.namespace(), check.name());
        if (check instanceof PolicyCheck.Exists) {
            return found.isPresent() ? pass(check) : fail(check, "not found; " + insteadOf(scenario, check, policies));
        }
        if (check instanceof PolicyCheck.Absent) {
            return found.isEmpty() ? pass(check) : fail(check, "it still exists");
        }
        if (check instanceof PolicyCheck.Unchanged u) {
            return unchanged(scenario, u, found, policies);
        }
        if (check instanceof PolicyCheck.Repaired r) {
            return repaired(scenario, r, found, policies);
        }
        PolicyCheck.Field f = (PolicyCheck.Field) check;
        return found.isEmpty() ? fail(f, "no NetworkPolicy " + f.policy() + "; " + insteadOf(scenario, f, policies))
                : field(f, PolicyTree.of(found.get()));
    }

    private static CheckResult unchanged(Scenario scenario, PolicyCheck.Unchanged u, Optional<NetworkPolicy> found, List<NetworkPolicy> policies) {
        if (found.isEmpty()) {
            return fail(u, "it was deleted; " + insteadOf(scenario, u, policies));
        }
        NetworkPolicy before = find(scenario.brokenPolicies(), u.namespace(), u.name()).orElseThrow();
        Optional<String> diff = PolicyTree.firstDifference(PolicyTree.of(before).get("spec"), PolicyTree.of(found.get()).get("spec"), "spec");
        return diff.map(d -> fail(u, "it was changed at " + d)).orElseGet(() -> pass(u));
    }

    private static CheckResult repaired(Scenario scenario, PolicyCheck.Repaired r, Optional<NetworkPolicy> found, List<NetworkPolicy> policies) {
        if (found.isEmpty()) {
            return fail(r, "not found; " + insteadOf(scenario, r, policies));
        }
        NetworkPolicy before = find(scenario.brokenPolicies(), r.namespace(), r.name()).orElseThrow();
        boolean same = PolicyTree.firstDifference(PolicyTree.of(before).get("spec"), PolicyTree.of(found.get()).get("spec"), "spec").isEmpty();
        return same ? fail(r, "it is still as it was broken; the task asks to fix this policy, not to add another one beside it") : pass(r);
    }

    static CheckResult field(PolicyCheck.Field f, JsonNode tree) {
        List<JsonNode> nodes = f.path().select(tree);
        if (f.count() != null && nodes.size() != f.count()) {
            return fail(f, f.path() + " occurs " + nodes.size() + (nodes.size() == 1 ? " time" : " times")
                    + (nodes.isEmpty() ? "" : ": " + values(nodes)));
        }
        if (f.equals() != null) {
            if (nodes.isEmpty()) {
                return fail(f, f.path() + " is not set");
            }
            if (!nodes.stream().allMatch(n -> PolicyTree.same(n, f.equals()))) {
                return fail(f, f.path() + " is " + values(nodes));
            }
        }
        return pass(f);
    }

    private static String values(List<JsonNode> nodes) {
        return nodes.size() == 1 ? nodes.get(0).toString() : nodes.stream().map(JsonNode::toString).collect(Collectors.joining(", ", "[", "]"));
    }

    /** What the learner has there instead: the policies they made in that namespace, else every policy in it. */
    private static String insteadOf(Scenario scenario, PolicyCheck c, List<NetworkPolicy> policies) {
        List<NetworkPolicy> inNs = policies.stream().filter(p -> c.namespace().equals(p.getMetadata().getNamespace())).toList();
        if (inNs.isEmpty()) {
            return "namespace " + c.namespace() + " has no NetworkPolicy";
        }
        List<NetworkPolicy> made = inNs.stream()
                .filter(p -> find(scenario.brokenPolicies(), c.namespace(), p.getMetadata().getName()).isEmpty()).toList();
        List<NetworkPolicy> shown = made.isEmpty() ? inNs : made;
        return "found " + shown.stream().map(p -> c.namespace() + "/" + p.getMetadata().getName()).collect(Collectors.joining(", "));
    }

    private static Optional<NetworkPolicy> find(List<NetworkPolicy> policies, String namespace, String name) {
        return policies.stream().filter(p -> namespace.equals(p.getMetadata().getNamespace()) && name.equals(p.getMetadata().getName()))
                .findFirst();
    }

    private static CheckResult pass(PolicyCheck c) {
        return new CheckResult(c, true, "");
    }

    private static CheckResult fail(PolicyCheck c, String detail) {
        return new CheckResult(c, false, detail);
    }
}
