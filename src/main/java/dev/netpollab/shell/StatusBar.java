package dev.netpollab.shell;

import org.jline.reader.LineReader;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The status line: scenario, elapsed time (or an exam's countdown), hints used, lab. It is drawn at the
 * right of the prompt line and refreshed every second while the learner types. (JLine's bottom status
 * bar relies on scroll regions that several TERM settings common under tmux and screen draw wrongly;
 * the prompt line works everywhere.) Dumb terminals and pipes get none.
 */
final class StatusBar implements AutoCloseable {
    private final LineReaderImpl reader;
    private final Supplier<String> text;
    private final ScheduledExecutorService timer;
    private volatile boolean atPrompt;
    private final Runnable everySecond;

    StatusBar(LineReader reader, boolean enabled, Supplier<String> text, Runnable everySecond) {
        this.reader = enabled && reader instanceof LineReaderImpl impl ? impl : null;
        this.text = text;
        this.everySecond = everySecond;
        if (this.reader == null) {
            timer = null;
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "status-line");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** The right prompt for the main prompt's readLine, or null when there is no status line. */
    String rightPrompt() {
        atPrompt = true;
        return reader == null ? null : render();
    }

    /** The main prompt returned a line; whatever reads next is not the main prompt. */
    void leftPrompt() {
        atPrompt = false;
    }

    private String render() {
        return new AttributedStringBuilder().style(AttributedStyle.DEFAULT.faint()).append(text.get()).toAnsi();
    }

    private void tick() {
        try {
            // Only the main prompt carries the status; questions (y/N) and heredoc lines stay clean.
            if (atPrompt && reader.isReading()) {
                reader.setRightPrompt(render());
                reader.callWidget(LineReader.REDISPLAY);
                everySecond.run();
            }
        } catch (RuntimeException e) {
            // The reader stopped reading between the check and the redraw; the next tick will do.
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
