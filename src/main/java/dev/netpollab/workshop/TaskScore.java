package dev.netpollab.workshop;

import dev.netpollab.grade.CellResult;
import dev.netpollab.grade.Grade;

import java.util.List;

/**
 * A task's score in a workshop: the exam credit, "credit for what was fixed". The rows that fail in the
 * broken state are the task's targets, the rows that already pass are its guards; points = weight × targets
 * met / targets, less one target for each guard broken, never below 0. An untouched task scores 0, a perfect
 * one its full weight, and breaking traffic that worked costs. The rows are the grade's probe cells.
 * This is the one place the workshop computes credit.
 *
 * @param passed every row met (a drill's PASS), shown beside the points
 */
public record TaskScore(double points, int weight, int targets, int targetsMet, int guards, int guardsBroken, boolean passed) {
    /**
     * @param broken the grade of the scenario's broken policies, graded the same way as {@code now}
     * @param now    the grade of the learner's policies
     */
    public static TaskScore of(Grade broken, Grade now, int weight) {
        List<CellResult> before = broken.cells();
        List<CellResult> after = now.cells();
        if (before.size() != after.size()) {
            throw new IllegalArgumentException("grades of different tasks: " + broken.scenarioId() + " and " + now.scenarioId());
        }
        int targets = 0;
        int met = 0;
        int guards = 0;
        int brokenGuards = 0;
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).probe().equals(after.get(i).probe())) {
                throw new IllegalArgumentException("cell " + i + " differs: " + before.get(i).probe() + " and " + after.get(i).probe());
            }
            if (before.get(i).pass()) {
                guards++;
                brokenGuards += after.get(i).pass() ? 0 : 1;
            } else {
                targets++;
                met += after.get(i).pass() ? 1 : 0;
            }
        }
        // A task with nothing to fix earns nothing: `validate` refuses such scenarios, so this only guards the division.
        double points = targets == 0 ? 0 : Math.max(0, (double) weight * (met - brokenGuards) / targets);
        return new TaskScore(points, weight, targets, met, guards, brokenGuards, now.passed());
    }
}
