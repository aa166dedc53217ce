package dev.netpollab.shell;

import org.jline.terminal.Terminal;

import java.io.IOException;
import java.nio.file.Path;

/** Runs the learner's editor on a file, as kubectl edit does: $KUBE_EDITOR, $EDITOR, $VISUAL, else vi. */
public final class Editor {
    private Editor() {
    }

    public static String command() {
        for (String var : new String[]{"KUBE_EDITOR", "EDITOR", "VISUAL"}) {
            String v = System.getenv(var);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "vi";
    }

    /**
     * Opens the file and waits. The editor command may carry arguments ("code --wait"), so it runs through
     * the shell with the file as "$1"; the terminal is handed over while it runs.
     */
    public static int edit(Path file, Terminal terminal) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command() + " \"$1\"", "netpol-lab-editor", file.toString()).inheritIO();
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
