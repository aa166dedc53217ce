package dev.netpollab.shell;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * The last guard before the terminal: lets through text, line breaks, tabs and the colour codes netpol-lab
 * itself writes ({@code ESC [ n;n m}), and drops every other escape sequence or control character, so that no
 * text that reached the output unfiltered can move the cursor, clear the screen or retitle the window.
 */
public final class SafeTerminalWriter extends FilterWriter {
    private final StringBuilder pending = new StringBuilder();

    public SafeTerminalWriter(Writer out) {
        super(out);
    }

    @Override
    public void write(int c) throws IOException {
        char ch = (char) c;
        if (!pending.isEmpty()) {
            pending.append(ch);
            if (pending.length() == 2) {
                if (ch != '[') {
                    pending.setLength(0); // ESC + anything but '[': not ours, dropped
                }
            } else if (ch >= 0x40 && ch <= 0x7E) {
                if (ch == 'm' && pending.substring(2, pending.length() - 1).chars().allMatch(d -> Character.isDigit(d) || d == ';')) {
                    out.write(pending.toString());
                }
                pending.setLength(0);
            } else if (pending.length() > 32) {
                pending.setLength(0);
            }
            return;
        }
        if (ch == 0x1B) {
            pending.append(ch);
            return;
        }
        if (ch == '\n' || ch == '\r' || ch == '\t' || ch == '\b' || (ch >= 0x20 && ch != 0x7F && !(ch >= 0x80 && ch <= 0x9F))) {
            out.write(ch);
        }
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        write(new String(cbuf, off, len), 0, len);
    }

    /** Runs of plain text go through in one piece (analyze can print a million lines); only special characters are examined. */
    @Override
    public void write(String str, int off, int len) throws IOException {
        int run = off;
        for (int i = off; i < off + len; i++) {
            char ch = str.charAt(i);
            boolean plain = pending.isEmpty() && (ch >= 0x20 && ch < 0x7F || ch == '\n' || ch >= 0xA0);
            if (!plain) {
                if (i > run) {
                    out.write(str, run, i - run);
                }
                write(ch);
                run = i + 1;
            }
        }
        if (off + len > run) {
            out.write(str, run, off + len - run);
        }
    }
}
