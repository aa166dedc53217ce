package dev.netpollab.shell.kubectl.tools;

import java.util.ArrayList;
import java.util.List;

/** Splits a {@code sh -c} string as a POSIX shell would for simple commands: quotes, and {@code ;}, {@code &&}, {@code ||}. */
final class ShCommandSplitter {
    private ShCommandSplitter() {
    }

    /** The simple commands in order, each ending with the separator that follows it ({@code ;} after the last). */
    static List<List<String>> sequence(String text) {
        List<List<String>> out = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < text.length()) {
                    w.append(text.charAt(++i));
                } else {
                    w.append(c);
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < text.length()) {
                w.append(text.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c) || c == ';' || c == '&' && text.startsWith("&&", i) || c == '|' && text.startsWith("||", i)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
                if (!Character.isWhitespace(c)) {
                    String sep = c == ';' ? ";" : text.substring(i, i + 2);
                    i += sep.length() - 1;
                    words.add(sep);
                    out.add(words);
                    words = new ArrayList<>();
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        if (!words.isEmpty()) {
            words.add(";");
            out.add(words);
        }
        return out;
    }
}
