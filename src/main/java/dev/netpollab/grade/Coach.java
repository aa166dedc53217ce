package dev.netpollab.grade;

import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.policy.DirectionResult;
import dev.netpollab.policy.PolicyId;
import dev.netpollab.policy.Verdict;
import dev.netpollab.policy.lint.Finding;
import dev.netpollab.policy.lint.LintContext;
import dev.netpollab.policy.lint.Linter;
import dev.netpollab.policy.lint.Severity;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The coach applied to a lab: lint what is there, and tie findings to the cells they explain. */
public final class Coach {
    private Coach() {
    }

    public static List<Finding> lint(ClusterSnapshot snapshot) {
        return Linter.lint(new LintContext(snapshot.topology(), snapshot.policies(), snapshot.services()));
    }

    /** Findings about a policy that took part in this cell's verdict (isolated an end, or had rules ignored). */
    public static List<Finding> explaining(List<Finding> findings, CellResult cell) {
        Verdict v = cell.observation().verdict();
        if (v == null) {
            return List.of();
        }
        Set<PolicyId> involved = new HashSet<>();
        for (DirectionResult d : List.of(v.egress(), v.ingress())) {
            involved.addAll(d.isolating());
            involved.addAll(d.ignoredRules());
            involved.addAll(d.otherDirection());
        }
        return findings.stream().filter(f -> f.severity() != Severity.INFO || involved.contains(f.policy()))
                .filter(f -> f.policy() != null && involved.contains(f.policy())).toList();
    }
}
