package dev.netpollab.workshop;

/** A request the workshop refuses, with the HTTP status that says why (400, 401, 403, 404, 409, 413, 422, 429). */
public final class Refusal extends RuntimeException {
    private final int status;

    public Refusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
