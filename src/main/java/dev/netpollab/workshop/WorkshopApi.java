package dev.netpollab.workshop;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

/**
 * What the workshop server and the learner client say to each other, as JSON. Requests are decoded strictly
 * (unknown fields are refused), within the limits below; the server checks every value again.
 */
public final class WorkshopApi {
    /** Largest request body the server reads (a result carries policies and observations). */
    public static final int MAX_BODY = 256 * 1024;
    public static final int MAX_POLICIES = 50;
    public static final int MAX_CELLS = 1000;
    public static final int MAX_TEXT = 500;
    public static final int MAX_NAME = 40;

    /** Strict: for what the server receives. */
    public static final JsonMapper STRICT = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    /** Lenient: for what the client receives, so a newer server can add fields. */
    public static final JsonMapper LENIENT = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private WorkshopApi() {
    }

    /** @param lab the learner's lab kind, shown on the dashboard */
    public record JoinRequest(String code, String name, String lab) {
    }

    /** A seat: its id and the token every later call carries. The token is shown only here. */
    public record Joined(long seat, String name, String token, String workshopId, WorkshopPlan plan, int currentTask) {
    }

    /** @param state not-started, running, paused or over */
    public record TimerView(String state, long remainingSeconds, int totalMinutes) {
    }

    public record MessageView(long id, long at, String text) {
    }

    /** A hint the instructor revealed to everyone: task (0-based), its number among the task's hints (1-based), the text. */
    public record HintView(int task, int number, String text) {
    }

    public record TaskStanding(int task, double points, int weight, boolean passed, boolean submitted) {
    }

    /** What a seat polls: the clock, new messages, revealed hints, its standing; the workshop id tells a new workshop apart. */
    public record SeatState(String workshopId, TimerView timer, List<MessageView> messages, List<HintView> hints, boolean closed,
                            List<TaskStanding> standing) {
    }

    public record Visit(int task, String lab) {
    }

    /**
     * A check or submit.
     *
     * @param clientId a UUID the client chose when it queued the result: the same id is stored once
     * @param kind     check or submit
     * @param task     the task's index (0-based)
     * @param scenario the task's scenario id, so a client with another workshop's tasks is refused
     * @param policies the NetworkPolicies in the task's namespaces, as Kubernetes JSON objects
     */
    public record ResultBody(String clientId, String kind, int task, String scenario, List<JsonNode> policies, Observed observed) {
    }

    /**
     * What the learner's lab observed, kept beside the server's grade.
     *
     * @param lab       embedded, k3s or cluster
     * @param cells     each probe as the learner's lab saw it
     * @param integrity differences between the learner's world and the world as set up
     */
    public record Observed(String lab, List<ObservedCell> cells, List<String> integrity) {
    }

    /** @param outcome allowed, blocked, dns-failed, refused or error */
    public record ObservedCell(String probe, String outcome) {
    }

    /** The server's answer to a result: stored (or stored before, for a re-sent one), and the score it gave. */
    public record Ack(long result, boolean duplicate, TaskScore score, int disagreements, boolean late) {
    }

    /** The learner's latest policies of a task, as the server stored them (to put their work back on a new lab). */
    public record TaskWork(int task, List<String> policies) {
    }

    /** An error answer. */
    public record Problem(int status, String error) {
    }
}
