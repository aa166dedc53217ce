package dev.netpollab.shell;

import dev.netpollab.shell.kubectl.Manifest;
import org.jline.utils.InfoCmp;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.AccessDeniedException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The few shell programs the exam workflow needs between kubectl commands: {@code clear}, {@code export},
 * {@code alias}, {@code echo}, {@code cat} (also {@code cat > FILE <<EOF}), an editor on a file ({@code vim x.yaml}), and
 * where a command's output goes ({@code > FILE}, {@code >> FILE}, {@code | grep}).
 */
final class ShellUtilities {
    /** The names this class answers, for dispatch, help and completion. */
    static final List<String> NAMES = List.of("clear", "export", "unset", "alias", "unalias", "echo", "cat", "vi", "vim", "nano");
    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)", Pattern.DOTALL);

    private final Session session;
    /** The exam terminal has {@code alias k=kubectl}; this shell knows {@code k} without it. */
    private final Map<String, String> aliases = new TreeMap<>();

    ShellUtilities(Session session) {
        this.session = session;
    }

    Map<String, String> aliases() {
        return aliases;
    }

    /** Runs the line when it starts with one of {@link #NAMES}. */
    void run(List<String> args) {
        String name = args.get(0);
        List<String> rest = args.subList(1, args.size());
        switch (name) {
            case "clear" -> clear();
            case "export" -> assign(rest, session.exported(), "export", "declare -x ");
            case "alias" -> assign(rest, aliases, "alias", "alias ");
            case "unset" -> rest.forEach(session.exported()::remove);
            case "unalias" -> rest.forEach(aliases::remove);
            case "echo" -> session.out().println(String.join(" ", rest));
            case "cat" -> cat(rest);
            default -> edit(name, rest);
        }
    }

    private void clear() {
        session.lineReader().map(r -> r.getTerminal()).ifPresent(t -> {
            t.puts(InfoCmp.Capability.clear_screen);
            t.flush();
        });
    }

    /** {@code export A=B C=D}, {@code alias k=kubectl}; without arguments, lists them as bash does. */
    private void assign(List<String> rest, Map<String, String> into, String verb, String listPrefix) {
        PrintWriter out = session.out();
        if (rest.isEmpty()) {
            into.forEach((k, v) -> out.println(listPrefix + k + "='" + v + "'"));
            return;
        }
        for (String a : rest) {
            var m = ASSIGNMENT.matcher(a);
            if (m.matches()) {
                into.put(m.group(1), m.group(2));
            } else if (verb.equals("alias") && into.containsKey(a)) {
                out.println(listPrefix + a + "='" + into.get(a) + "'");
            } else if (verb.equals("alias")) {
                throw new ShellError("alias: " + a + ": not found");
            } else if (!a.matches("-\\w+|[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ShellError("export: `" + a + "': not a valid identifier");
            }
        }
    }

    /** Prints files; with a heredoc ({@code cat > x.yaml <<EOF}) or nothing, what is typed (until the marker, or Ctrl-D). */
    private void cat(List<String> files) {
        String heredoc = session.takeHeredoc();
        if (files.isEmpty() || files.equals(List.of("-"))) {
            String text = heredoc != null ? session.readUntil(heredoc) : session.readToEnd();
            if (text != null) {
                session.out().print(text);
            }
            return;
        }
        for (String f : files) {
            Path p = Path.of(Manifest.expandHome(f));
            try {
                if (Files.isDirectory(p)) {
                    session.terminal().println("cat: " + f + ": Is a directory");
                    continue;
                }
                session.out().print(dev.netpollab.scenario.Printable.strip(Files.readString(p, StandardCharsets.UTF_8)));
            } catch (java.nio.file.NoSuchFileException e) {
                session.terminal().println("cat: " + f + ": No such file or directory");
            } catch (IOException | java.io.UncheckedIOException e) {
                session.terminal().println("cat: " + f + ": cannot read (" + e.getMessage() + ")");
            }
        }
    }

    /** {@code vim x.yaml}: the editor the learner named, on the terminal, as in the exam. */
    private void edit(String editor, List<String> files) {
        if (files.size() != 1) {
            throw new ShellError("usage: " + editor + " FILE (one file; then `k apply -f FILE`)");
        }
        try {
            int code = Editor.edit(editor, Path.of(Manifest.expandHome(files.get(0))), session.lineReader().map(r -> r.getTerminal()).orElse(null));
            if (code == 127) {
                throw new ShellError(editor + ": command not found; `export EDITOR=...` names another for `k edit`");
            }
        } catch (IOException e) {
            throw new ShellError(editor + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Writes a command's output where {@code > FILE} said. A command that printed nothing (it failed, and said so on the
     * terminal) leaves the file as it was, where bash would have emptied it: a typo must not cost the learner a file.
     */
    void write(ShellWords.Redirect r, String text) {
        if (text.isEmpty()) {
            return;
        }
        Path p = Path.of(Manifest.expandHome(r.file()));
        try {
            if (r.append()) {
                Files.writeString(p, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } else {
                Files.writeString(p, text);
            }
        } catch (IOException | RuntimeException e) {
            String why = e instanceof NoSuchFileException ? "No such file or directory"
                    : e instanceof AccessDeniedException ? "Permission denied"
                    : e instanceof IOException && Files.isDirectory(p) ? "Is a directory" : String.valueOf(e.getMessage());
            session.out().println("error: " + r.file() + ": " + why + "; here is the output instead:");
            session.out().print(text);
        }
    }

    /**
     * {@code | grep [-i] [-v] [-w] [-E] [-A N] [-B N] [-C N] PATTERN}: the lines kept, with GNU grep's context and its
     * {@code --} between groups that are not adjacent.
     */
    static java.util.function.UnaryOperator<List<String>> grep(List<String> filter) {
        if (filter.isEmpty() || !filter.get(0).equals("grep")) {
            throw new ShellError("only `| grep [-i] [-v] [-A N] PATTERN` works after a pipe here"
                    + (filter.isEmpty() ? "" : ", not `" + filter.get(0) + "`") + "; `-l`, `-o jsonpath=` and `--show-labels` filter in kubectl itself");
        }
        boolean ignoreCase = false;
        boolean invert = false;
        boolean word = false;
        boolean extended = false;
        int after = 0;
        int before = 0;
        String pattern = null;
        List<String> args = filter.subList(1, filter.size());
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            var context = java.util.regex.Pattern.compile("-([ABC])(\\d*)").matcher(a);
            if (pattern == null && context.matches()) {
                String n = context.group(2);
                if (n.isEmpty()) {
                    if (i + 1 >= args.size() || !args.get(i + 1).matches("\\d+")) {
                        throw new ShellError("grep: " + a + ": invalid context length argument");
                    }
                    n = args.get(++i);
                }
                int k = Integer.parseInt(n);
                after = context.group(1).equals("B") ? after : k;
                before = context.group(1).equals("A") ? before : k;
            } else if (pattern == null && a.matches("-[ivEw]+")) {
                ignoreCase |= a.contains("i");
                invert |= a.contains("v");
                word |= a.contains("w");
                extended |= a.contains("E");
            } else if (pattern == null) {
                pattern = a;
            } else {
                throw new ShellError("grep: only one PATTERN and no files after a pipe (got `" + a + "`)");
            }
        }
        if (pattern == null) {
            throw new ShellError("usage: ... | grep [-i] [-v] [-A N] PATTERN");
        }
        Pattern p;
        String regex = extended ? pattern : basic(pattern);
        try {
            p = Pattern.compile(word ? "\\b(?:" + regex + ")\\b" : regex, ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            throw new ShellError("grep: invalid pattern `" + pattern + "`: " + e.getDescription());
        }
        boolean inv = invert;
        int a = after;
        int b = before;
        return lines -> {
            boolean[] keep = new boolean[lines.size()];
            for (int i = 0; i < lines.size(); i++) {
                if (p.matcher(lines.get(i)).find() != inv) {
                    for (int j = Math.max(0, i - b); j <= Math.min(lines.size() - 1, i + a); j++) {
                        keep[j] = true;
                    }
                }
            }
            List<String> out = new java.util.ArrayList<>();
            int last = -2;
            for (int i = 0; i < lines.size(); i++) {
                if (keep[i]) {
                    if ((a > 0 || b > 0) && last >= 0 && i > last + 1) {
                        out.add("--");
                    }
                    out.add(lines.get(i));
                    last = i;
                }
            }
            return out;
        };
    }

    /** grep's basic regular expression in Java's words: {@code { } ( ) | + ?} are plain characters, and special after a backslash. */
    static String basic(String bre) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < bre.length(); i++) {
            char c = bre.charAt(i);
            if (c == '\\' && i + 1 < bre.length() && "{}()|+?".indexOf(bre.charAt(i + 1)) >= 0) {
                b.append(bre.charAt(++i));
            } else if (c == '\\' && i + 1 < bre.length()) {
                b.append(c).append(bre.charAt(++i));
            } else if ("{}()|+?".indexOf(c) >= 0) {
                b.append('\\').append(c);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
