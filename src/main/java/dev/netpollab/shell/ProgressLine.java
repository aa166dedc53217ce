package dev.netpollab.shell;

import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp.Capability;

import java.util.Optional;

/**
 * One line of the terminal rewritten in place (carriage return, text, clear to the end of the line, through
 * the terminal's own capabilities), so a long job shows how far it is without a scroll of half-done steps.
 * Used while no prompt is on the screen; JLine's bottom status bar is not used, as its scroll region is drawn
 * wrongly under several TERM settings of tmux and screen. The text is cut to the width so it never wraps: a
 * wrapped line could not be rewritten.
 */
final class ProgressLine {
    private final Terminal terminal;
    private int shownWidth;

    private ProgressLine(Terminal terminal) {
        this.terminal = terminal;
    }

    /** A progress line for a terminal that can rewrite a line; empty for dumb terminals and pipes. */
    static Optional<ProgressLine> of(Terminal terminal) {
        if (terminal == null || terminal.getType() == null || terminal.getType().startsWith(Terminal.TYPE_DUMB)) {
            return Optional.empty();
        }
        return Optional.of(new ProgressLine(terminal));
    }

    /** Replaces the line with this text. */
    synchronized void show(String text) {
        String fitted = fit(text);
        terminal.puts(Capability.carriage_return);
        terminal.writer().print(fitted);
        int width = fitted.codePointCount(0, fitted.length());
        if (!terminal.puts(Capability.clr_eol) && width < shownWidth) {
            terminal.writer().print(" ".repeat(shownWidth - width));
        }
        shownWidth = width;
        terminal.flush();
    }

    /** Replaces the line with this text and keeps it: the next output starts below. */
    synchronized void finish(String text) {
        show(text);
        terminal.writer().println();
        terminal.flush();
        shownWidth = 0;
    }

    /** Removes a line still shown, leaving the cursor at its start. */
    synchronized void clear() {
        if (shownWidth > 0) {
            show("");
            shownWidth = 0;
        }
    }

    private String fit(String text) {
        int max = terminal.getWidth() > 1 ? terminal.getWidth() - 1 : 79;
        return text.codePointCount(0, text.length()) <= max ? text : text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }
}
