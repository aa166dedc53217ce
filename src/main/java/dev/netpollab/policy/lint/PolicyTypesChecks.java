package dev.netpollab.policy.lint;

import dev.netpollab.policy.Direction;
import dev.netpollab.policy.PolicyTypes;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Checks 2 and 3: what policyTypes does to rules, when it is left out and when it is explicit. */
final class PolicyTypesChecks {
    private PolicyTypesChecks() {
    }

    /** Check 2: egress rules and no policyTypes, so the policy isolates ingress as well. */
    static final class EgressWithoutPolicyTypes implements LintCheck {
        static final String ID = "egress-without-policytypes";

        @Override
        public List<Finding> check(LintContext ctx) {
            List<Finding> out = new ArrayList<>();
            for (NetworkPolicy np : ctx.policies()) {
                if (np.getSpec() == null || !PolicyTypes.defaulted(np.getSpec()) || np.getSpec().getEgress() == null || np.getSpec().getEgress().isEmpty()) {
                    continue;
                }
                boolean ingressRules = np.getSpec().getIngress() != null && !np.getSpec().getIngress().isEmpty();
                out.add(new Finding(ID, Severity.WARNING, LintContext.id(np), "spec.policyTypes",
                        "without policyTypes this policy also counts for Ingress, so the pods it selects "
                                + (ingressRules ? "only accept what its ingress rules allow" : "accept no incoming connection at all") + ".",
                        "write policyTypes: [Egress] for an egress-only policy (or [Ingress, Egress] if both are meant)."));
            }
            return out;
        }
    }

    /** Check 3: rules for a direction the explicit policyTypes leaves out; the API server keeps them, nothing enforces them. */
    static final class RulesIgnored implements LintCheck {
        static final String ID = "rules-not-enforced";

        @Override
        public List<Finding> check(LintContext ctx) {
            List<Finding> out = new ArrayList<>();
            for (NetworkPolicy np : ctx.policies()) {
                if (np.getSpec() == null || PolicyTypes.defaulted(np.getSpec())) {
                    continue;
                }
                Set<Direction> types = PolicyTypes.effective(np.getSpec());
                if (!types.contains(Direction.EGRESS) && np.getSpec().getEgress() != null && !np.getSpec().getEgress().isEmpty()) {
                    out.add(finding(np, Direction.EGRESS, types));
                }
                if (!types.contains(Direction.INGRESS) && np.getSpec().getIngress() != null && !np.getSpec().getIngress().isEmpty()) {
                    out.add(finding(np, Direction.INGRESS, types));
                }
            }
            return out;
        }

        private static Finding finding(NetworkPolicy np, Direction d, Set<Direction> types) {
            return new Finding(ID, Severity.ERROR, LintContext.id(np), "spec." + d.lower(),
                    "these " + d.lower() + " rules are never enforced: policyTypes lists only "
                            + String.join(", ", types.stream().map(Direction::policyType).toList()) + ", so " + d.lower() + " stays open.",
                    "add " + d.policyType() + " to policyTypes, or delete the rules.");
        }
    }
}
