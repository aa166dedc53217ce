package dev.netpollab.shell;

import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Status;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The bottom line of the terminal: scenario, elapsed time, hints used, lab. Redrawn every second on
 * terminals that support it; absent on dumb terminals and pipes.
 */
final class StatusBar implements AutoCloseable {
    private final Status status;
    private final Supplier<String> text;
    private final ScheduledExecutorService timer;

    StatusBar(Terminal terminal, Supplier<String> text) {
        this.status = Status.getStatus(terminal);
        this.text = text;
        if (status == null) {
            timer = null;
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "status-bar");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::redraw, 0, 1, TimeUnit.SECONDS);
    }

    synchronized void redraw() {
        if (status == null) {
            return;
        }
        try {
            AttributedString line = new AttributedStringBuilder().style(AttributedStyle.DEFAULT.inverse()).append(" ").append(text.get()).append(" ")
                    .toAttributedString();
            status.update(List.of(line));
        } catch (RuntimeException e) {
            // A status line is a convenience; drawing must never break the shell.
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            status.update(List.of());
        }
    }
}
