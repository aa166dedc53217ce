package dev.netpollab.lab;

/**
 * A lab could not do what was asked (cluster did not boot, a step timed out). The message says which
 * step failed and why, in words a learner can act on.
 */
public class LabException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The innermost cause's message: library exceptions wrap the one sentence a person needs several times. */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
