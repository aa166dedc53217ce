package dev.netpollab.shell;

import org.jline.keymap.KeyMap;
import org.jline.reader.Binding;
import org.jline.reader.LineReader;
import org.jline.reader.Reference;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;

import java.util.HashMap;

/**
 * JLine's line reader, with one change: typed-ahead text is inserted in one go.
 *
 * <p>Why: JLine redraws the whole line after every key it handles (prompt, secondary prompts, highlighting and
 * the display diff are all computed over the full buffer), so text pasted into a terminal without bracketed
 * paste, which arrives as one key per character, cost O(n) per character and O(n²) in all: 20,000 characters
 * took half a minute. Here a self-inserted character takes every character already waiting behind it that
 * would also just be inserted, so the line is redrawn once per chunk the terminal delivers, not once per
 * character. Keys that do anything else (Enter, Tab, arrows, Ctrl-keys) are left to JLine as before.
 */
public final class ShellLineReader extends LineReaderImpl {
    private static final Reference SELF_INSERT = new Reference(LineReader.SELF_INSERT);
    private long redisplays;

    public ShellLineReader(Terminal terminal, String appName) {
        super(terminal, appName, new HashMap<>());
    }

    @Override
    protected boolean selfInsert() {
        boolean ok = super.selfInsert();
        if (count != 1) {
            return ok;
        }
        KeyMap<Binding> keys = getKeys();
        StringBuilder more = new StringBuilder();
        while (true) {
            int next = peekCharacter(1);
            if (next < 0x20 || next == 0x7F || !SELF_INSERT.equals(keys.getBound(new String(Character.toChars(next))))) {
                break;
            }
            more.appendCodePoint(readCharacter());
        }
        if (!more.isEmpty()) {
            putString(more);
        }
        return ok;
    }

    @Override
    protected void redisplay(boolean flush) {
        redisplays++;
        super.redisplay(flush);
    }

    /** How often the line was redrawn: a paste must cost a handful of redraws, not one per character. */
    public long redisplays() {
        return redisplays;
    }
}
