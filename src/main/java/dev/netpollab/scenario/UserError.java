package dev.netpollab.scenario;

/**
 * Something the user can fix (an unknown scenario id, a bad argument, a missing file), with one clear
 * sentence that says what and how. Never shown with a stack trace.
 */
public class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
