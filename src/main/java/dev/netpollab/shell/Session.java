package dev.netpollab.shell;

import dev.netpollab.exam.ProgressStore;
import dev.netpollab.grade.Colors;
import dev.netpollab.lab.AppHome;
import dev.netpollab.lab.Lab;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** What the shell's commands share: output, the course, the lab, the current attempt and the learner's records. */
public final class Session {
    private final PrintWriter out;
    private final Colors colors;
    private final ScenarioLibrary library;
    private final LabHandle lab;
    private final ProgressStore progress;
    private final Clock clock;
    private LineReader reader;
    private Attempt attempt;
    private boolean quit;
    private String defaultNamespace = "default";
    private String heredoc;
    private Runnable onPolicyChange = () -> { };
    private java.util.function.Consumer<dev.netpollab.grade.Grade> onChecked = g -> { };
    private boolean coach = true;
    private dev.netpollab.exam.ExamSession exam;
    private final java.util.Map<Integer, Attempt> examAttempts = new java.util.HashMap<>();
    private WorkshopMode workshop;
    /** Where a command's output goes while the line says {@code > FILE}; null for the terminal. */
    private PrintWriter redirect;
    /** Variables the learner exported in this shell ({@code export do="--dry-run=client -o yaml"}). */
    private final java.util.Map<String, String> exported = new java.util.TreeMap<>();

    public Session(PrintWriter out, Colors colors, ScenarioLibrary library, LabHandle lab, ProgressStore progress, Clock clock) {
        this.out = out;
        this.colors = colors;
        this.library = library;
        this.lab = lab;
        this.progress = progress;
        this.clock = clock;
    }

    /** Where commands print: the terminal, or the file a {@code > FILE} on the command line names. */
    public PrintWriter out() {
        return redirect != null ? redirect : out;
    }

    /** The terminal, even while output is redirected: errors go here, as a shell's stderr does. */
    public PrintWriter terminal() {
        return out;
    }

    /** Sends what commands print to {@code w} until {@link #endRedirect()}. */
    void redirect(PrintWriter w) {
        this.redirect = w;
    }

    void endRedirect() {
        this.redirect = null;
    }

    /** The variables exported in this shell; the map is live. */
    java.util.Map<String, String> exported() {
        return exported;
    }

    /** An environment variable as commands of this shell see it: exported here first, then the process's. */
    public String env(String name) {
        String v = exported.get(name);
        return v != null ? v : System.getenv(name);
    }

    public Colors colors() {
        return colors;
    }

    public ScenarioLibrary library() {
        return library;
    }

    public LabHandle labHandle() {
        return lab;
    }

    /** The lab, waiting for it if it is still starting; a lab that failed may give way to the embedded one. */
    public Lab lab() {
        try {
            return lab.get(out);
        } catch (dev.netpollab.lab.LabException e) {
            if (!lab.canFallBack()) {
                throw e;
            }
            out.println(colors.red("The " + lab.kind() + " lab could not start: ") + e.getMessage());
            if (!confirm("Continue on the embedded lab (probes computed by the policy engine)?")) {
                throw new ShellError("no lab to work on; fix the problem above (`netpol-lab doctor` helps) or start with --lab embedded");
            }
            lab.fallBack();
            Lab embedded = lab.get(out);
            out.println("Now on the embedded lab: " + embedded.describe() + ".");
            return embedded;
        }
    }

    public ProgressStore progress() {
        return progress;
    }

    public Clock clock() {
        return clock;
    }

    void reader(LineReader reader) {
        this.reader = reader;
    }

    public Optional<Attempt> attempt() {
        return Optional.ofNullable(attempt);
    }

    /** The current attempt, or a clear message that there is none. */
    public Attempt requireAttempt() {
        if (attempt == null) {
            throw new ShellError("no scenario started: type `list`, then `start ID`");
        }
        return attempt;
    }

    public void attempt(Attempt a) {
        this.attempt = a;
    }

    public Optional<Scenario> scenario() {
        return attempt().map(Attempt::scenario);
    }

    public String defaultNamespace() {
        return defaultNamespace;
    }

    /** {@code k config set-context --current --namespace=NS}: the namespace commands use without -n. */
    public void defaultNamespace(String ns) {
        this.defaultNamespace = ns;
    }

    /** The terminator of a heredoc ({@code apply -f - <<EOF}) given on the current command line. */
    void heredoc(String terminator) {
        this.heredoc = terminator;
    }

    public String takeHeredoc() {
        String h = heredoc;
        heredoc = null;
        return h;
    }

    /** Called by commands that changed policies or labels (the coach hooks in here). */
    public void policiesChanged() {
        onPolicyChange.run();
    }

    void onPolicyChange(Runnable r) {
        this.onPolicyChange = r;
    }

    /** Called by `check` once the grade is shown (a workshop sends it to the server here). */
    void checked(dev.netpollab.grade.Grade g) {
        onChecked.accept(g);
    }

    void onChecked(java.util.function.Consumer<dev.netpollab.grade.Grade> c) {
        this.onChecked = c;
    }

    /** The mock exam in progress, when the shell runs one. */
    public Optional<dev.netpollab.exam.ExamSession> exam() {
        return Optional.ofNullable(exam);
    }

    void exam(dev.netpollab.exam.ExamSession e) {
        this.exam = e;
    }

    /** The workshop the shell takes part in, when it joined one. */
    Optional<WorkshopMode> workshop() {
        return Optional.ofNullable(workshop);
    }

    void workshop(WorkshopMode w) {
        this.workshop = w;
    }

    /** The attempt standing for exam task i (created on first visit). */
    Attempt examAttempt(int task, java.util.function.Supplier<Attempt> create) {
        return examAttempts.computeIfAbsent(task, i -> create.get());
    }

    /** Whether the coach comments (drills: yes; mock exams: only with --coach). */
    public boolean coach() {
        return coach;
    }

    public void coach(boolean on) {
        this.coach = on;
    }

    public void quit() {
        quit = true;
    }

    public boolean quitting() {
        return quit;
    }

    /** Where the learner's copies of a scenario's policies go: {@code ~/.netpol-lab/work/ID/}. */
    public Path workDir(String scenarioId) {
        return AppHome.resolve("work", scenarioId);
    }

    /** Asks a yes/no question; anything but y/yes is no, as is end of input. */
    public boolean confirm(String question) {
        if (reader == null) {
            return false;
        }
        try {
            String answer = readLineOffHistory(question + " [y/N] ");
            return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
        } catch (UserInterruptException | EndOfFileException e) {
            return false;
        }
    }

    /**
     * Reads lines until the terminator (a heredoc), for {@code apply -f -}.
     *
     * @return the text, or null when there is no terminal to read from
     * @throws ShellError when input ends (Ctrl-D) or is interrupted (Ctrl-C) before the terminator: a document cut
     *                    short must not be applied as if it were whole
     */
    public String readUntil(String terminator) {
        if (reader == null) {
            return null;
        }

        StringBuilder b = new StringBuilder();
        while (true) {
            String line;
            try {
                line = readLineOffHistory("> ");
            } catch (UserInterruptException e) {
                throw new ShellError("interrupted (Ctrl-C) before the line " + terminator + ": nothing was read, nothing changed");
            } catch (EndOfFileException e) {
                throw new ShellError("the input ended (Ctrl-D) before the line " + terminator + ": nothing was read, nothing changed");
            }
            if (line.equals(terminator)) {
                return b.toString();
            }
            b.append(line).append('\n');
        }
    }

    /** Reads lines until Ctrl-D, as {@code cat > FILE} does; Ctrl-C abandons them; null without a terminal. */
    public String readToEnd() {
        if (reader == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        while (true) {
            try {
                b.append(readLineOffHistory("")).append('\n');
            } catch (UserInterruptException e) {
                throw new ShellError("interrupted (Ctrl-C): nothing was read, nothing changed");
            } catch (EndOfFileException e) {
                return b.toString();
            }
        }
    }

    /**
     * Reads a line that is input to a command (a heredoc's YAML, a y/N answer), not a command: it stays out of the
     * history, so the up arrow brings back `k apply -f - <<EOF`, not the EOF that ended it.
     */
    private String readLineOffHistory(String prompt) {
        Object was = reader.getVariable(LineReader.DISABLE_HISTORY);
        reader.variable(LineReader.DISABLE_HISTORY, true);
        try {
            return reader.readLine(prompt);
        } finally {
            reader.variable(LineReader.DISABLE_HISTORY, was == null ? false : was);
        }
    }

    /** The terminal, for commands that hand it to another program ($EDITOR). */
    public Optional<LineReader> lineReader() {
        return Optional.ofNullable(reader);
    }
}
