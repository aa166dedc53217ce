package dev.netpollab.shell;

/** A command cannot do what was asked; the message says why and what to do instead. */
public class ShellError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ShellError(String message) {
        super(message);
    }
}
