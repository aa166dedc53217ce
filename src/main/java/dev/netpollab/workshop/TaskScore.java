package dev.netpollab.workshop;

import dev.netpollab.grade.ExamCredit;
import dev.netpollab.grade.Grade;

/**
 * A task's score in a workshop: the exam credit, "credit for what was fixed". The rows that fail in the
 * broken state are the task's targets, the rows that already pass are its guards; points = weight × targets
 * met / targets, less one target for each guard broken, never below 0. An untouched task scores 0, a perfect
 * one its full weight, and breaking traffic that worked costs; a changed world scores 0. The rows are the
 * grade's probe cells and object checks. The credit is {@link ExamCredit}'s, the exam's own: this record is
 * the form the workshop stores and sends.
 *
 * @param passed every row met (a drill's PASS), shown beside the points
 */
public record TaskScore(double points, int weight, int targets, int targetsMet, int guards, int guardsBroken, boolean passed) {
    /**
     * @param broken the grade of the scenario's broken policies, graded the same way as {@code now}
     * @param now    the grade of the learner's policies
     */
    public static TaskScore of(Grade broken, Grade now, int weight) {
        ExamCredit.Score c = ExamCredit.score(broken, now, weight);
        return new TaskScore(c.points(), weight, c.targets().size(), c.targetsMet(), c.guards().size(), c.guardsBroken(), now.passed());
    }
}
