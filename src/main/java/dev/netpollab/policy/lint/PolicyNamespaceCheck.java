package dev.netpollab.policy.lint;

import dev.netpollab.policy.PodInfo;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Check 6: a policy in a namespace without pods (often {@code default}, from a forgotten {@code -n}). */
final class PolicyNamespaceCheck implements LintCheck {
    static final String ID = "policy-in-empty-namespace";

    @Override
    public List<Finding> check(LintContext ctx) {
        List<Finding> out = new ArrayList<>();
        List<PodInfo> pods = ctx.workloadPods();
        for (NetworkPolicy np : ctx.policies()) {
            String ns = LintContext.id(np).namespace();
            if (pods.stream().anyMatch(p -> p.namespace().equals(ns)) || pods.isEmpty()) {
                continue;
            }
            TreeSet<String> elsewhere = new TreeSet<>();
            pods.forEach(p -> elsewhere.add(p.namespace()));
            out.add(new Finding(ID, Severity.WARNING, LintContext.id(np), "metadata.namespace",
                    "namespace " + ns + " has no pods, so this policy affects nothing; policies only select pods of their own namespace"
                            + (ns.equals("default") ? " (was -n forgotten?)" : "") + ".",
                    "create it in the namespace of the pods it is for (" + String.join(", ", elsewhere) + ") with -n or metadata.namespace, "
                            + "and delete this one."));
        }
        return out;
    }
}
