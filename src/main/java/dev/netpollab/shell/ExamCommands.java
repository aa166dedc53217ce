package dev.netpollab.shell;

import dev.netpollab.exam.Debrief;
import dev.netpollab.exam.ExamSession;
import dev.netpollab.exam.ExamTask;
import dev.netpollab.exam.HistoryLog;
import dev.netpollab.grade.Grader;
import dev.netpollab.grade.Report;
import dev.netpollab.grade.ReportWriter;
import dev.netpollab.grade.TextTable;
import dev.netpollab.lab.AppHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** The mock exam's commands: move between tasks, flag them, submit. */
final class ExamCommands {
    private ExamCommands() {
    }

    static ExamSession exam(Session s) {
        return s.exam().orElseThrow(() -> new ShellError("no exam is running"));
    }

    /** Makes task i the current one and shows it. */
    static void show(Session s, int i) {
        ExamSession e = exam(s);
        e.goTo(i);
        ExamTask t = e.currentTask();
        s.attempt(ExamMode.attemptFor(s, i));
        s.out().println(s.colors().bold(ExamTask.heading(i, e.plan().tasks().size(), t)));
        Drill.printTaskText(s, t.scenario());
    }

    @Command(name = "tasks", description = "List the tasks: weight, state (untouched, attempted, flagged), time spent.")
    static final class TasksCmd extends ShellCommand {
        @Override
        protected void run() {
            ExamSession e = exam(s);
            TextTable t = new TextTable("", "#", "WEIGHT", "SUGGESTED", "NAMESPACES", "STATE", "TIME");
            for (int i = 0; i < e.plan().tasks().size(); i++) {
                ExamTask task = e.plan().tasks().get(i);
                t.row(i == e.current() ? ">" : "", i + 1, task.weight(), "~" + task.scenario().meta().minutes() + " min",
                        String.join(", ", task.scenario().world().scenarioNamespaces()), e.state(i).label(), ReportWriter.clock(e.spent(i)));
            }
            t.lines().forEach(s.out()::println);
            s.out().println(Attempt.clock(e.remaining()) + " left. `goto N` to switch, `flag` to mark a task for later, `submit` when done.");
        }
    }

    @Command(name = "goto", description = "Go to task N.")
    static final class GotoCmd extends ShellCommand {
        @Parameters(paramLabel = "N")
        int n;

        @Override
        protected void run() {
            show(s, n - 1);
        }
    }

    @Command(name = "next", description = "Go to the next task.")
    static final class NextCmd extends ShellCommand {
        @Override
        protected void run() {
            ExamSession e = exam(s);
            show(s, (e.current() + 1) % e.plan().tasks().size());
        }
    }

    @Command(name = "prev", description = "Go to the previous task.")
    static final class PrevCmd extends ShellCommand {
        @Override
        protected void run() {
            ExamSession e = exam(s);
            int n = e.plan().tasks().size();
            show(s, (e.current() + n - 1) % n);
        }
    }

    @Command(name = "flag", description = "Flag (or unflag) the current task to come back to it.")
    static final class FlagCmd extends ShellCommand {
        @Override
        protected void run() {
            ExamSession e = exam(s);
            s.out().println("Task " + (e.current() + 1) + (e.toggleFlag() ? " flagged." : " unflagged."));
        }
    }

    @Command(name = "task", description = "Show the current task again.")
    static final class TaskCmd extends ShellCommand {
        @Override
        protected void run() {
            show(s, exam(s).current());
        }
    }

    @Command(name = "submit", description = "End the exam and grade every task (asks first).")
    static final class SubmitCmd extends ShellCommand {
        @Option(names = {"-y", "--yes"}, description = "Do not ask.")
        boolean yes;

        @Option(names = "--time-up", hidden = true)
        boolean timeUp;

        @Override
        protected void run() throws IOException {
            ExamSession e = exam(s);
            if (!yes && !timeUp && !s.confirm("Submit the exam now? Every task is graded as it is (" + Attempt.clock(e.remaining()) + " left).")) {
                s.out().println("Not submitted.");
                return;
            }
            finish(s, timeUp);
        }
    }

    @Command(name = "quit", aliases = "exit", description = "Leave the exam; it is saved and `netpol-lab exam --resume` continues it.")
    static final class QuitCmd extends ShellCommand {
        @Override
        protected void run() {
            if (s.confirm("Leave the exam? It is saved; `netpol-lab exam --resume` continues with the time that is left.")) {
                s.quit();
            }
        }
    }

    /** Grades every task, writes the report, records the history, prints the debrief and ends the shell. */
    static void finish(Session s, boolean timeUp) throws IOException {
        finish(s, timeUp, s.out()::println);
        s.out().flush();
    }

    /** @param say where the lines go: the terminal, or above the prompt when the clock runs out while the learner types */
    static void finish(Session s, boolean timeUp, java.util.function.Consumer<String> say) throws IOException {
        ExamSession e = exam(s);
        if (timeUp) {
            say.accept(s.colors().yellow("Time is up.") + " Your work is graded as it is now.");
        }
        say.accept("Grading " + e.plan().tasks().size() + " tasks...");
        Report r = e.finish(s.lab(), new Grader());
        Path dir = AppHome.resolve("reports", DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(r.at()));
        String written = null;
        try {
            ReportWriter.write(r, dir);
        } catch (IOException | RuntimeException ex) {
            // The grade stands; only the files are missing. The debrief still follows.
            written = "the report could not be written to " + dir + " (" + dev.netpollab.scenario.IoMessages.of(ex) + ")";
        }
        Map<String, Double> topics = new LinkedHashMap<>();
        ReportWriter.topics(r).forEach((k, v) -> topics.put(k, Math.round(1000 * v[0] / v[1]) / 10.0));
        HistoryLog.open().append(new HistoryLog.Entry("exam", r.at(), r.title(), r.tasks().stream().map(t -> t.scenario().id()).toList(),
                Math.round(r.percent() * 10) / 10.0, r.passed(), topics, e.used().getSeconds(), written == null ? dir.toString() : null));
        say.accept("");
        Debrief.render(r, s.colors(), s.library()).forEach(say);
        say.accept("");
        say.accept(written == null ? "Report: " + dir.resolve("report.md") + " (also report.json and junit.xml)"
                : s.colors().yellow("warning: ") + written);
        s.quit();
    }
}
