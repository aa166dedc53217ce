package dev.netpollab.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bash the exam terminal gives, as far as candidates lean on it: aliases, {@code $VARIABLES}, {@code > FILE} and
 * {@code | grep}. The words arrive split by JLine's parser, which takes off the quotes only around a whole word.
 */
final class ShellWords {
    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");

    /** Where a line's output goes: {@code > FILE} (replace) or {@code >> FILE} (append). */
    record Redirect(String file, boolean append) {
    }

    /** A line cut at its pipe: the command, and the words of the filter after {@code |} (empty without one). */
    record Pipe(List<String> command, List<String> filter) {
    }

    private ShellWords() {
    }

    /**
     * Expands an alias in the first word (once, as bash does for an alias that names itself) and every
     * {@code $NAME}/{@code ${NAME}} outside single quotes, and takes the quotes off as bash does (JLine's parser leaves
     * them on inside a word: {@code ns="-n x"}). An expansion outside quotes splits at blanks, so {@code k create ... $do}
     * gets {@code --dry-run=client}, {@code -o}, {@code yaml}; unset variables expand to nothing.
     */
    static List<String> expand(List<String> words, Map<String, String> aliases, Function<String, String> env) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (i == 0 && aliases.containsKey(w)) {
                out.addAll(List.of(aliases.get(w).trim().split("\\s+")));
            } else if (w.indexOf('$') < 0 && w.indexOf('"') < 0 && w.indexOf('\'') < 0) {
                out.add(w);
            } else {
                out.addAll(fields(w, env));
            }
        }
        return out;
    }

    /** One word as bash reads it: quotes removed, variables expanded, unquoted expansions split into fields. */
    private static List<String> fields(String w, Function<String, String> env) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean started = false;
        char quote = 0;
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    field.append(c);
                }
                continue;
            }
            if (c == '"' || c == '\'' && quote == 0) {
                quote = quote == c ? 0 : c;
                started = true;
                continue;
            }
            Matcher m = c == '$' ? VARIABLE.matcher(w).region(i, w.length()) : null;
            if (m == null || !m.lookingAt()) {
                field.append(c);
                started = true;
                continue;
            }
            String v = env.apply(m.group(1) != null ? m.group(1) : m.group(2));
            v = v == null ? "" : v;
            i = m.end() - 1;
            if (quote == '"') {
                field.append(v);
                started = true;
                continue;
            }
            String[] parts = v.split("\\s+", -1);
            for (int p = 0; p < parts.length; p++) {
                if (p > 0 && (started || field.length() > 0)) {
                    out.add(field.toString());
                    field.setLength(0);
                    started = false;
                }
                field.append(parts[p]);
                started |= !parts[p].isEmpty();
            }
        }
        if (started || field.length() > 0) {
            out.add(field.toString());
        }
        return out;
    }

    /** Cuts the line at its first {@code |} word. */
    static Pipe pipe(List<String> words) {
        int at = words.indexOf("|");
        return at < 0 ? new Pipe(words, List.of()) : new Pipe(new ArrayList<>(words.subList(0, at)), new ArrayList<>(words.subList(at + 1, words.size())));
    }

    /**
     * Takes {@code > FILE}, {@code >> FILE}, {@code >FILE}, {@code 1> FILE} out of the words and returns the last one (null
     * without). {@code 2>…} is taken out too: errors always reach the terminal here, which is what a candidate wants.
     *
     * @throws ShellError for a redirection without a file
     */
    static Redirect redirect(List<String> words) {
        Redirect r = null;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String op = w.startsWith("1>") ? w.substring(1) : w;
            boolean stderr = w.startsWith("2>") || w.startsWith("&>");
            if (!op.startsWith(">") && !stderr) {
                continue;
            }
            boolean append = op.startsWith(">>") || w.startsWith("2>>");
            String target = stderr ? w.substring(append ? 3 : 2) : op.substring(append ? 2 : 1);
            words.remove(i);
            if (target.isEmpty()) {
                if (i >= words.size()) {
                    throw new ShellError("syntax error near unexpected token `newline'");
                }
                target = words.remove(i);
            }
            i--;
            if (!stderr) {
                r = new Redirect(target, append);
            }
        }
        return r;
    }
}
