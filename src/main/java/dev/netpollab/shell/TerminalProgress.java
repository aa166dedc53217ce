package dev.netpollab.shell;

import dev.netpollab.lab.LabProgress;

import java.io.PrintWriter;
import java.util.Optional;

/**
 * Prints a lab's progress with the seconds elapsed. On a terminal that can rewrite a line, one line is
 * updated in place and a counted phase stays on the screen once complete ("creating the world 8/8"). Elsewhere
 * (pipes, dumb terminals) a counted phase is printed when it completes (and on the way if it is slow), and an
 * uncounted step every time.
 */
public final class TerminalProgress implements LabProgress, AutoCloseable {
    private final PrintWriter out;
    private final ProgressLine line;
    private final long start = System.nanoTime();
    private long lastPrint = System.nanoTime();

    public TerminalProgress(PrintWriter out) {
        this(out, Optional.empty());
    }

    TerminalProgress(PrintWriter out, Optional<ProgressLine> line) {
        this.out = out;
        this.line = line.orElse(null);
    }

    /** Progress for a command of this session: in place on a real terminal. */
    static TerminalProgress of(Session s) {
        return new TerminalProgress(s.out(), s.lineReader().flatMap(r -> ProgressLine.of(r.getTerminal())));
    }

    @Override
    public void step(String phase, int done, int total) {
        long now = System.nanoTime();
        boolean last = total > 0 && done >= total;
        long s = (now - start) / 1_000_000_000L;
        String text = "  " + phase + (total > 0 ? " " + done + "/" + total : "") + (s > 0 ? " (" + s + " s)" : "");
        if (line != null) {
            out.flush();
            if (last) {
                line.finish(text);
            } else {
                line.show(text);
            }
            return;
        }
        boolean slow = now - lastPrint > 1_000_000_000L;
        if (total > 0 && !last && !slow) {
            return;
        }
        lastPrint = now;
        out.println(text);
        out.flush();
    }

    /** The work is over: a transient step still on the line is removed. */
    @Override
    public void close() {
        if (line != null) {
            line.clear();
        }
    }
}
