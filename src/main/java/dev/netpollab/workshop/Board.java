package dev.netpollab.workshop;

import java.util.List;

/**
 * The dashboard's picture of the room at one moment: seats × tasks with state, score and time, the clock,
 * and what the room gets wrong most. The projector gets the same picture with names anonymised if asked;
 * a learner's policies are never in it (they are the instructor's alone, per seat).
 *
 * @param join the command learners type to join
 */
public record Board(String title, String join, WorkshopApi.TimerView timer, boolean closed, long now, int results,
                    List<Column> tasks, List<Row> seats, List<CommonFailure> failures, List<CommonFinding> findings,
                    List<WorkshopApi.MessageView> messages) {
    /** @param hintsRevealed how many of its hints the instructor has revealed to everyone */
    public record Column(int index, String id, String title, int weight, int hints, int hintsRevealed, int passed, int tried) {
    }

    /**
     * @param idleSeconds seconds since the seat last made progress (a better score), or since it joined
     * @param done        every task passed
     */
    public record Row(long id, String name, String lab, int currentTask, long idleSeconds, boolean done, double points, int weight,
                      int passed, List<Cell> cells) {
    }

    /**
     * @param state   none (not visited), working (visited, nothing sent), fail or pass (the latest result)
     * @param seconds time on the task: from the first visit to the first pass, or until now
     */
    public record Cell(String state, double points, int weight, long seconds, int checks, boolean submitted, int disagreements, boolean late) {
    }

    /** A cell that fails for many: "9 of 14 fail web/frontend -> payments/api:8080/TCP (expected allowed) in task 3". */
    public record CommonFailure(int task, String probe, String expected, String outcome, int count, int of) {
    }

    /** A coach finding many share: "9 of 14: dns-egress-blocked in task 3". */
    public record CommonFinding(int task, String id, String meaning, int count, int of) {
    }
}
