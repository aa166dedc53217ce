package dev.netpollab.shell;

import dev.netpollab.exam.ProgressStore;
import dev.netpollab.grade.Colors;
import dev.netpollab.lab.AppHome;
import dev.netpollab.scenario.ScenarioLibrary;
import org.jline.reader.EndOfFileException;
import org.jline.reader.History;
import org.jline.reader.LineReader;
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
import java.util.Optional;

/** The interactive drill shell: a JLine prompt over a lab, with completion, history and a status line. */
public final class Shell {
    /**
     * @param mode a drill or a mock exam
     * @param in   null for the real terminal; a stream for scripted use (a dumb terminal is used then)
     */
    public record Options(ScenarioLibrary library, LabHandle lab, ShellMode mode, ProgressStore progress, boolean noColor, Clock clock,
                          InputStream in, OutputStream out) {
    }

    /**
     * How long the first prompt waits for the lab. The embedded lab is up well within it, so the prompt never
     * appears over a lab that is not there; a k3s cluster takes minutes, and the learner can read tasks meanwhile.
     */
    static final java.time.Duration FIRST_PROMPT_WAIT = java.time.Duration.ofSeconds(20);

    private Shell() {
    }

    public static int run(Options o) throws IOException {
        return run(o, s -> { });
    }

    /** @param prepare runs once the session exists, before the banner (an exam sets itself up here) */
    public static int run(Options o, java.util.function.Consumer<Session> prepare) throws IOException {
        Terminal terminal = o.in() == null
                ? TerminalBuilder.builder().system(true).name("netpol-lab").build()
                // A DumbTerminal built directly: TerminalBuilder.streams() pumps (and echoes) the input ahead of the reader.
                : new DumbTerminal("netpol-lab", Terminal.TYPE_DUMB, o.in(), o.out(), StandardCharsets.UTF_8);
        boolean dumb = terminal.getType() == null || terminal.getType().startsWith(Terminal.TYPE_DUMB);
        Colors colors = new Colors(!o.noColor() && !dumb && System.getenv("NO_COLOR") == null);
        // Scenario texts and API messages are printed here: only text and our own colours may reach the terminal.
        PrintWriter out = new PrintWriter(new SafeTerminalWriter(terminal.writer()), true);
        Session session = new Session(out, colors, o.library(), o.lab(), o.progress(), o.clock());
        ShellMode mode = o.mode();
        ShellCommands commands = new ShellCommands(session, mode);
        DefaultParser parser = new DefaultParser();
        parser.setEscapeChars(new char[0]);
        // A read-only (or missing) state directory: the session still runs, keeps history in memory, and says so once.
        java.util.Optional<String> unwritable = AppHome.unwritable();
        ShellLineReader reader = new ShellLineReader(terminal, "netpol-lab");
        reader.setHistory(new org.jline.reader.impl.history.DefaultHistory());
        reader.setParser(parser);
        reader.setCompleter(new ShellCompleter(session, commands));
        reader.option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        reader.option(LineReader.Option.AUTO_FRESH_LINE, true);
        if (unwritable.isEmpty()) {
            reader.variable(LineReader.HISTORY_FILE, AppHome.resolve("history"));
        }
        o.progress().onSaveFailure(m -> {
            out.println(colors.yellow("warning: ") + m + "; the session goes on");
            out.flush();
        });
        session.reader(reader);
        session.onPolicyChange(() -> Drill.coachSummary(session));
        boolean statusLine = !dumb && System.getenv("NETPOL_LAB_NO_STATUS") == null;
        Optional<ProgressLine> progressLine = dumb ? Optional.empty() : ProgressLine.of(terminal);
        if (progressLine.isEmpty()) {
            o.lab().progressTo(line -> {
                out.println(line);
                out.flush();
            });
        } else {
            // At the prompt, lines go above it and the status line shows the steps. Otherwise the shell is busy or
            // waiting for the lab, which it shows in place: an outcome clears that line first, steps wait their turn.
            ProgressLine pl = progressLine.get();
            o.lab().waitingLine(pl);
            o.lab().progressTo(line -> {
                if (reading(reader)) {
                    reader.printAbove(line);
                } else {
                    pl.clear();
                    out.println(line);
                    out.flush();
                }
            }, step -> {
                if (reading(reader) && !statusLine) {
                    reader.printAbove(step);
                }
            });
        }
        prepare.accept(session);
        mode.banner(session);
        unwritable.ifPresent(u -> out.println(colors.yellow("warning: ") + u + ": your progress, history and reports are not saved in this "
                + "session; set NETPOL_LAB_HOME to a writable directory to keep them"));
        out.flush();
        if (progressLine.isPresent() && !o.lab().await(FIRST_PROMPT_WAIT)) {
            out.println("The " + o.lab().kind() + " lab is still starting; it carries on in the background.");
            out.println("The status line and `status` show how far it is, and commands that need the lab wait for it.");
        }
        out.flush();
        try (StatusBar bar = new StatusBar(reader, statusLine, () -> mode.status(session), () -> mode.tick(session, reader))) {
            while (!session.quitting()) {
                if (!mode.beforeCommand(session)) {
                    continue;
                }
                String line;
                try {
                    line = reader.readLine(mode.prompt(session), bar.rightPrompt(), (Character) null, null);
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
                if (!mode.beforeCommand(session)) {
                    continue;
                }
                commands.execute(reader.getParsedLine() == null ? java.util.List.of(line.trim().split("\\s+"))
                        : reader.getParsedLine().words());
                mode.afterCommand(session);
                save(reader.getHistory());
                out.flush();
            }
        } finally {
            mode.onExit(session);
            out.println(goodbye(o.progress()));
            out.flush();
            o.lab().close();
            terminal.close();
        }
        return 0;
    }

    /** The main prompt's reader is waiting for a line (so output must go above it). */
    private static boolean reading(LineReader reader) {
        return reader instanceof org.jline.reader.impl.LineReaderImpl impl && impl.isReading();
    }

    /** The last line: where the progress is, or, truthfully, that it could not be saved. */
    static String goodbye(ProgressStore progress) {
        java.util.Optional<String> unwritable = AppHome.unwritable();
        if (unwritable.isPresent()) {
            return "bye — nothing of this session could be saved: " + unwritable.get();
        }
        return progress.saveFailure().map(f -> "bye — " + f).orElse("bye — your progress is saved in " + AppHome.dir());
    }

    private static void save(History h) {
        try {
            h.save();
        } catch (IOException e) {
            // Losing history is not worth interrupting the learner for.
        }
    }
}
