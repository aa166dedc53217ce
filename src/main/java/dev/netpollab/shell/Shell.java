package dev.netpollab.shell;

import dev.netpollab.exam.ProgressStore;
import dev.netpollab.grade.Colors;
import dev.netpollab.lab.AppHome;
import dev.netpollab.scenario.ScenarioLibrary;
import org.jline.reader.EndOfFileException;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** The interactive drill shell: a JLine prompt over a lab, with completion, history and a status line. */
public final class Shell {
    /**
     * @param labNote why this lab was chosen, for the banner (e.g. "Docker was not found")
     * @param in      null for the real terminal; a stream for scripted use (a dumb terminal is used then)
     */
    public record Options(ScenarioLibrary library, LabHandle lab, String labNote, ProgressStore progress, boolean noColor, Clock clock,
                          InputStream in, OutputStream out) {
    }

    private Shell() {
    }

    public static int run(Options o) throws IOException {
        Terminal terminal = o.in() == null
                ? TerminalBuilder.builder().system(true).name("netpol-lab").build()
                // A DumbTerminal built directly: TerminalBuilder.streams() pumps (and echoes) the input ahead of the reader.
                : new DumbTerminal("netpol-lab", Terminal.TYPE_DUMB, o.in(), o.out(), StandardCharsets.UTF_8);
        boolean dumb = terminal.getType() == null || terminal.getType().startsWith(Terminal.TYPE_DUMB);
        Colors colors = new Colors(!o.noColor() && !dumb && System.getenv("NO_COLOR") == null);
        PrintWriter out = terminal.writer();
        Session session = new Session(out, colors, o.library(), o.lab(), o.progress(), o.clock());
        ShellCommands commands = new ShellCommands(session);
        DefaultParser parser = new DefaultParser();
        parser.setEscapeChars(new char[0]);
        LineReader reader = LineReaderBuilder.builder().appName("netpol-lab").terminal(terminal).parser(parser)
                .completer(new ShellCompleter(session, commands))
                .variable(LineReader.HISTORY_FILE, AppHome.resolve("history"))
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.AUTO_FRESH_LINE, true)
                .build();
        session.reader(reader);
        session.onPolicyChange(() -> Drill.coachSummary(session));
        banner(session, o);
        try (StatusBar bar = new StatusBar(reader, !dumb && System.getenv("NETPOL_LAB_NO_STATUS") == null, () -> statusText(session))) {
            while (!session.quitting()) {
                String line;
                try {
                    line = reader.readLine(prompt(session), bar.rightPrompt(), (Character) null, null);
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                } finally {
                    bar.leftPrompt();
                }
                if (o.in() != null) {
                    // Scripted input is not echoed by a dumb terminal; show it so a transcript reads like a session.
                    out.println(line);
                }
                commands.execute(reader.getParsedLine() == null ? java.util.List.of(line.trim().split("\\s+"))
                        : reader.getParsedLine().words());
                save(reader.getHistory());
                out.flush();
            }
        } finally {
            out.println("bye — your progress is saved in " + AppHome.dir());
            out.flush();
            o.lab().close();
            terminal.close();
        }
        return 0;
    }

    private static void banner(Session s, Options o) {
        PrintWriter out = s.out();
        Colors c = s.colors();
        out.println(c.bold("netpol-lab") + " — the NetworkPolicy trainer for the CKS");
        out.println("Lab: " + o.lab().kind() + (o.labNote() == null || o.labNote().isBlank() ? "" : " — " + o.labNote()));
        o.progress().warning().ifPresent(w -> out.println(c.yellow("warning: ") + w));
        o.library().problems().forEach(p -> out.println(c.yellow("warning: skipped ") + p));
        long passed = o.library().scenarios().stream().filter(sc -> o.progress().get(sc.id()).passes() > 0).count();
        out.println(o.library().scenarios().size() + " scenarios (" + passed + " passed). Type `list` to see them, `start ID` to begin, "
                + "`help` for every command.");
        out.flush();
    }

    private static String prompt(Session s) {
        String id = s.scenario().map(sc -> ":" + sc.id()).orElse("");
        return s.colors().bold("netpol-lab") + s.colors().dim(id) + "> ";
    }

    static String statusText(Session s) {
        String lab = s.labHandle().ready() ? s.labHandle().kind() + " lab" : s.labHandle().kind() + " lab (starting)";
        return s.attempt().map(a -> a.scenario().id() + " | " + Attempt.clock(a.elapsed(s.clock().instant())) + " | hints "
                + a.hintsShown() + "/" + a.scenario().hints().size() + (a.passed() ? " | PASSED" : "") + " | " + lab)
                .orElse("no scenario | " + lab);
    }

    private static void save(History h) {
        try {
            h.save();
        } catch (IOException e) {
            // Losing history is not worth interrupting the learner for.
        }
    }
}
