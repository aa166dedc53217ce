package dev.netpollab.grade;

import dev.netpollab.lab.OfflineCluster;
import dev.netpollab.probe.ModelProber;
import dev.netpollab.scenario.Scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Exam credit for one task: what the learner fixed, less what they broke.
 * <p>
 * A task's <em>targets</em> are the rows (probe cells and object checks) that fail in the broken state: what
 * the task asks to fix. Its <em>guards</em> are the rows that already pass: traffic and objects to keep as they
 * are. Points = weight × (targets met − guards broken) / targets, never below 0. An untouched task scores 0, a
 * perfect one its full weight, and breaking what worked costs as much as one fix earns. A task whose world
 * was changed ({@code worldImmutable}) scores 0. Drills do not use credit: they pass when every row is met.
 * <p>
 * Usage: {@code ExamCredit.score(scenario, grader.grade(scenario, snapshot, prober), weight).points()}.
 */
public final class ExamCredit {
    private ExamCredit() {
    }

    /**
     * One task's credit.
     *
     * @param targets           the rows that failed in the broken state, as graded now
     * @param guards            the rows that passed in the broken state, as graded now
     * @param integrityFailures why the world no longer is as set up; any of them makes the points 0
     */
    public record Score(int weight, List<GradeRow> targets, List<GradeRow> guards, List<String> integrityFailures) {
        public Score {
            targets = List.copyOf(targets);
            guards = List.copyOf(guards);
            integrityFailures = List.copyOf(integrityFailures);
        }

        public int targetsMet() {
            return (int) targets.stream().filter(GradeRow::pass).count();
        }

        public int guardsBroken() {
            return (int) guards.stream().filter(r -> !r.pass()).count();
        }

        /** weight × (targets met − guards broken) / targets, at least 0; 0 without targets or with the world changed. */
        public double points() {
            if (targets.isEmpty() || !integrityFailures.isEmpty()) {
                return 0;
            }
            return weight * Math.max(0, targetsMet() - guardsBroken()) / (double) targets.size();
        }

        /** Points as a fraction of the weight, 0..1. */
        public double fraction() {
            return weight == 0 ? 0 : points() / weight;
        }

        /** Whether a row of this task is a target (else it is a guard). */
        public boolean isTarget(GradeRow row) {
            return targets.stream().anyMatch(t -> t == row);
        }
    }

    /** The scenario's broken state graded on the engine: which rows fail before the learner starts. */
    public static Grade baseline(Scenario scenario) {
        return new Grader().grade(scenario, OfflineCluster.snapshot(scenario, scenario.brokenPolicies()), new ModelProber());
    }

    /** The credit of a graded attempt, against the scenario's broken state. */
    public static Score score(Scenario scenario, Grade graded, int weight) {
        return score(baseline(scenario), graded, weight);
    }

    /**
     * The credit of a graded attempt against a baseline of the same scenario (for callers that grade many
     * attempts of one task and compute the baseline once).
     *
     * @throws IllegalArgumentException when the two grades do not have the same rows
     */
    public static Score score(Grade baseline, Grade graded, int weight) {
        List<GradeRow> before = baseline.rows();
        List<GradeRow> now = graded.rows();
        if (before.size() != now.size()) {
            throw new IllegalArgumentException("the baseline of " + baseline.scenarioId() + " has " + before.size()
                    + " rows, the attempt " + now.size());
        }
        List<GradeRow> targets = new ArrayList<>();
        List<GradeRow> guards = new ArrayList<>();
        for (int i = 0; i < now.size(); i++) {
            if (!before.get(i).label().equals(now.get(i).label())) {
                throw new IllegalArgumentException("row " + i + " differs between the baseline (" + before.get(i).label()
                        + ") and the attempt (" + now.get(i).label() + ")");
            }
            (before.get(i).pass() ? guards : targets).add(now.get(i));
        }
        return new Score(weight, targets, guards, graded.integrityFailures());
    }
}
