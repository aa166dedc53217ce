package dev.netpollab.shell;

import dev.netpollab.lab.LabProgress;

import java.io.PrintWriter;

/**
 * Prints a lab's progress: a counted phase when it completes (and on the way if it is slow), an
 * uncounted step every time, each with the seconds elapsed.
 */
public final class TerminalProgress implements LabProgress {
    private final PrintWriter out;
    private final long start = System.nanoTime();
    private long lastPrint = System.nanoTime();

    public TerminalProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void step(String phase, int done, int total) {
        long now = System.nanoTime();
        boolean last = total > 0 && done >= total;
        boolean slow = now - lastPrint > 1_000_000_000L;
        if (total > 0 && !last && !slow) {
            return;
        }
        lastPrint = now;
        long s = (now - start) / 1_000_000_000L;
        out.println("  " + phase + (total > 0 ? " " + done + "/" + total : "") + (s > 0 ? " (" + s + " s)" : ""));
        out.flush();
    }
}
