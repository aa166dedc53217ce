package dev.netpollab.policy.lint;

import dev.netpollab.policy.Direction;
import dev.netpollab.policy.PodInfo;
import dev.netpollab.policy.PolicyId;
import dev.netpollab.policy.PolicyTypes;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Check 7: a rule that admits everything ({@code {}}) next to narrower rules or a deny-all for the same
 * pods. Policies add up, so the narrower ones restrict nothing.
 */
final class AllowAllCheck implements LintCheck {
    static final String ID = "allow-all-rule";

    @Override
    public List<Finding> check(LintContext ctx) {
        List<Finding> out = new ArrayList<>();
        for (NetworkPolicy np : ctx.policies()) {
            PolicyId id = LintContext.id(np);
            for (PolicyRules r : PolicyRules.of(np)) {
                if (!r.peers().isEmpty() || !r.ports().isEmpty() || np.getSpec() == null
                        || !PolicyTypes.effective(np.getSpec()).contains(r.direction())) {
                    continue;
                }
                List<PodInfo> selected = ctx.engine().selectedPods(id);
                Set<PolicyId> others = new LinkedHashSet<>();
                for (PodInfo p : selected) {
                    ctx.engine().isolating(p, r.direction()).stream().filter(o -> !o.equals(id)).forEach(others::add);
                }
                boolean siblings = PolicyRules.of(np).stream().anyMatch(o -> o.direction() == r.direction() && o.index() != r.index());
                if (others.isEmpty() && !siblings) {
                    continue;
                }
                String also = others.isEmpty() ? "the other " + r.direction().lower() + " rules of this policy"
                        : "policies " + String.join(", ", others.stream().map(PolicyId::toString).toList());
                out.add(new Finding(ID, Severity.WARNING, id, r.path(),
                        "this rule has no " + (r.direction() == Direction.INGRESS ? "from" : "to") + " and no ports, so it allows all "
                                + r.direction().lower() + " of the pods it selects; policies add up, so " + also + " restrict nothing.",
                        "delete the rule (for a deny-all, a policy with policyTypes and no rules is enough) or give it peers and ports."));
            }
        }
        return out;
    }
}
