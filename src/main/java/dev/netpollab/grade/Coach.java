package dev.netpollab.grade;

import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.policy.DirectionResult;
import dev.netpollab.policy.PolicyId;
import dev.netpollab.policy.Verdict;
import dev.netpollab.policy.lint.Finding;
import dev.netpollab.policy.lint.LintContext;
import dev.netpollab.policy.lint.Linter;
import dev.netpollab.policy.lint.Severity;
import dev.netpollab.scenario.AcceptedLint;
import dev.netpollab.scenario.Scenario;

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

    /**
     * What the coach says about a scenario's lab: findings the scenario accepts on purpose ({@code acceptLint},
     * e.g. a quarantine that cuts DNS too) are left out, so they are neither advice nor counted as warnings.
     */
    public static List<Finding> lint(ClusterSnapshot snapshot, Scenario scenario) {
        return unaccepted(lint(snapshot), scenario);
    }

    public static List<Finding> unaccepted(List<Finding> findings, Scenario scenario) {
        return findings.stream().filter(f -> scenario.acceptLint().stream().noneMatch(a -> a.id().equals(f.id()))).toList();
    }

    /** The author's reason for accepting this finding; empty when the scenario does not accept it. */
    public static String reason(Finding f, Scenario scenario) {
        return scenario.acceptLint().stream().filter(a -> a.id().equals(f.id())).map(AcceptedLint::reason).findFirst().orElse("");
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
