package dev.netpollab.shell;

import org.jline.terminal.Terminal;

import java.io.IOException;
import java.nio.file.Path;

/** Runs the learner's editor on a file, as kubectl edit does: $KUBE_EDITOR, $EDITOR, $VISUAL, else vi. */
public final class Editor {
    private Editor() {
    }

    /** @param env the environment as the shell sees it (variables exported at its prompt count) */
    public static String command(java.util.function.Function<String, String> env) {
        for (String var : new String[]{"KUBE_EDITOR", "EDITOR", "VISUAL"}) {
            String v = env.apply(var);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "vi";
    }

    /**
     * Opens the file and waits. The editor command may carry arguments ("code --wait"), so it runs through
     * the shell with the file as "$1"; the terminal is handed over while it runs. The shell's 127 means it was not found.
     */
    public static int edit(String command, Path file, Terminal terminal) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command + " \"$1\"", "netpol-lab-editor", file.toString()).inheritIO();
        if (terminal != null) {
            terminal.pause(true);
        }
        try {
            return pb.start().waitFor();
        } finally {
            if (terminal != null) {
                terminal.resume();
            }
        }
    }
}
