package dev.netpollab.lab;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A lab could not do what was asked (cluster did not boot, a step timed out). The message says which
 * step failed and why, in words a learner can act on.
 */
public class LabException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path bundle;

    public LabException(String message) {
        this(message, null, null);
    }

    public LabException(String message, Throwable cause) {
        this(message, cause, null);
    }

    /** @param bundle the diagnostics bundle written for this failure (its path is also in the message) */
    public LabException(String message, Throwable cause, Path bundle) {
        super(message, cause);
        this.bundle = bundle;
    }

    /** The diagnostics bundle written for this failure, if one was. */
    public Optional<Path> bundle() {
        return Optional.ofNullable(bundle);
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
