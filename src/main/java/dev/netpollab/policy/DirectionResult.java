package dev.netpollab.policy;

import java.util.List;
import java.util.Optional;

/**
 * One side of a verdict: the source's egress or the destination's ingress.
 *
 * @param subject          the pod whose policies were consulted (the source for egress, the destination for ingress)
 * @param isolating        policies in the subject's namespace that select it and include this direction
 * @param otherDirection   policies that select the subject but do not include this direction (they have no say)
 * @param ignoredRules     policies selecting the subject that have rules for this direction which
 *                         {@code policyTypes} leaves out, so those rules are not enforced
 * @param checks           every rule of the isolating policies, in policy then rule order
 */
public record DirectionResult(Direction direction, Endpoint subject, List<PolicyId> isolating,
                              List<PolicyId> otherDirection, List<PolicyId> ignoredRules,
                              List<RuleCheck> checks, boolean allowed) {
    public DirectionResult {
        isolating = List.copyOf(isolating);
        otherDirection = List.copyOf(otherDirection);
        ignoredRules = List.copyOf(ignoredRules);
        checks = List.copyOf(checks);
    }

    /** Policies only apply to pods; an endpoint outside the cluster is never isolated. */
    public boolean appliesToPod() {
        return subject instanceof PodInfo;
    }

    public boolean isolated() {
        return !isolating.isEmpty();
    }

    /** The first rule that allowed the connection, if the subject is isolated and one did. */
    public Optional<RuleCheck> allowedBy() {
        return checks.stream().filter(RuleCheck::matched).findFirst();
    }

    /** True when the outcome rests on an ipBlock compared with a pod IP. */
    public boolean cniDependent() {
        return allowed ? allowedBy().map(RuleCheck::cniDependent).orElse(false)
                : checks.stream().anyMatch(RuleCheck::cniDependent);
    }
}
