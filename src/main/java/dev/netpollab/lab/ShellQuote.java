package dev.netpollab.lab;

/**
 * Quoting for text that goes into a shell script run inside a pod. Anything a learner or a scenario can
 * write (a Service name, an address) is passed as one literal word: inside single quotes the shell
 * expands nothing, and a single quote itself is written as {@code '\''}.
 */
public final class ShellQuote {
    private ShellQuote() {
    }

    /** {@code x;rm -rf /} → {@code 'x;rm -rf /'}; {@code it's} → {@code 'it'\''s'}. */
    public static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
