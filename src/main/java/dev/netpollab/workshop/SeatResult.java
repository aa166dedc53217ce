package dev.netpollab.workshop;

import java.util.List;

/**
 * One check or submit of one seat, as the server graded and stored it.
 *
 * @param clientId the learner client's id for this result: sending it again stores nothing new
 * @param late     received after the timer ran out
 * @param lab      where the learner observed it: embedded, k3s or cluster
 */
public record SeatResult(long id, long seat, String clientId, int task, String kind, long receivedAt, boolean late, TaskScore score,
                         String lab, Detail detail) {
    /**
     * What is kept beside the score.
     *
     * @param policies      the learner's NetworkPolicies as admitted (defaulted), each a JSON object
     * @param cells         the engine's grade, one per probe cell
     * @param disagreements cells where the learner's lab observed something else than the engine computed
     * @param integrity     differences between the learner's lab and the world as set up, as their lab reported them
     */
    public record Detail(List<String> policies, List<Cell> cells, List<Disagreement> disagreements, List<Finding> findings,
                         List<String> integrity) {
        public Detail {
            policies = List.copyOf(policies);
            cells = List.copyOf(cells);
            disagreements = List.copyOf(disagreements);
            findings = List.copyOf(findings);
            integrity = List.copyOf(integrity);
        }
    }

    /** A probe cell: expected allowed or blocked, the engine's outcome, whether it passes, and why not. */
    public record Cell(String probe, String expected, String outcome, boolean pass, String reason) {
    }

    public record Disagreement(String probe, String engine, String observed) {
    }

    /** A coach finding about the learner's policies. */
    public record Finding(String id, String severity, String policy, String meaning) {
    }

    public boolean submit() {
        return "submit".equals(kind);
    }
}
