package dev.netpollab.grade;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.util.List;

/**
 * A wrong repair a candidate might really make, generated from a scenario's reference solution: the complete
 * set of policies with one change.
 *
 * @param operator     what was changed, e.g. {@code drop-ports}, {@code split-and-peer}
 * @param policy       the policy changed, {@code ns/name}
 * @param path         where in it, e.g. {@code spec.egress[0].ports}; empty for the policy as a whole
 * @param description  the change in words
 * @param policies     the whole set of policies with the change
 * @param nameMatters  the change is about the policy's name or existence (delete, rename, keep a removed one):
 *                     wrong also when no traffic changes, if the task names the policy
 */
public record Mutant(String operator, String policy, String path, String description, List<NetworkPolicy> policies, boolean nameMatters) {
    public Mutant {
        policies = List.copyOf(policies);
    }

    /** How {@code validate} names it and {@code acceptMutants} refers to it: {@code OPERATOR ns/name PATH}. */
    public String id() {
        return operator + " " + policy + (path.isEmpty() ? "" : " " + path);
    }
}
