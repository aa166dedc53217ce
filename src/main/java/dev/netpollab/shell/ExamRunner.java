package dev.netpollab.shell;

import dev.netpollab.exam.ExamPlan;
import dev.netpollab.exam.ExamSession;
import dev.netpollab.exam.ExamState;
import dev.netpollab.exam.ExamTask;
import dev.netpollab.exam.ExamWork;
import dev.netpollab.exam.ProgressStore;
import dev.netpollab.lab.Lab;
import dev.netpollab.scenario.InvalidInputException;
import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.scenario.UserError;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Starts (or resumes) a mock exam: provisions every task up front, then runs the shell in exam mode. */
public final class ExamRunner {
    /**
     * @param plan   the exam to start, or null with {@code resume}
     * @param in     null for the real terminal
     */
    public record Options(ScenarioLibrary library, LabHandle lab, ExamPlan plan, boolean resume, boolean restart, boolean coach,
                          Path stateFile, boolean noColor, Clock clock, InputStream in, OutputStream out) {
    }

    private ExamRunner() {
    }

    public static int run(Options o) throws IOException {
        Optional<ExamState> saved = ExamSession.saved(o.stateFile());
        if (o.resume() && saved.isEmpty()) {
            throw new UserError("there is no interrupted exam to resume (" + o.stateFile() + " does not exist)");
        }
        if (!o.resume() && saved.isPresent() && !o.restart()) {
            throw new UserError("an interrupted exam is waiting (" + saved.get().title() + "): continue it with `netpol-lab exam --resume`, "
                    + "or start a new one with --restart (the old one is then discarded)");
        }
        ExamSession exam = o.resume() ? ExamSession.resume(saved.get(), o.library(), o.clock(), o.stateFile())
                : ExamSession.start(o.plan(), o.clock(), o.stateFile(), o.coach());
        Shell.Options shell = new Shell.Options(o.library(), o.lab(), new ExamMode(exam, o.resume()), ProgressStore.open(), o.noColor(),
                o.clock(), o.in(), o.out());
        return Shell.run(shell, s -> prepare(s, exam, o.resume() ? saved.get() : null));
    }

    /** Provisions every task's world (with progress) and, on resume, puts the learner's saved work back. */
    private static void prepare(Session s, ExamSession exam, ExamState saved) {
        PrintWriter out = s.out();
        Lab lab = s.lab();
        List<String> cannot = exam.plan().tasks().stream().flatMap(t -> lab.cannotRun(t.scenario()).stream()).toList();
        if (!cannot.isEmpty()) {
            throw new UserError("this exam cannot run on the " + lab.kind() + " lab: " + String.join("; ", cannot)
                    + ". Choose other tasks with --set or --seed, or another --lab");
        }
        exam.adaptTo(lab);
        int n = exam.plan().tasks().size();
        out.println("Preparing " + n + " tasks on the " + lab.kind() + " lab...");
        out.flush();
        int i = 0;
        for (ExamTask t : exam.plan().tasks()) {
            i++;
            lab.teardown(t.scenario(), dev.netpollab.lab.LabProgress.NONE);
            lab.provision(t.scenario(), dev.netpollab.lab.LabProgress.NONE);
            lab.applyBroken(t.scenario());
            out.println("  task " + i + "/" + n + " ready (" + String.join(", ", t.scenario().world().scenarioNamespaces()) + ")");
            out.flush();
        }
        if (saved != null) {
            try {
                ExamWork.fromJson(saved.work()).restore(lab.client(), exam.plan());
                out.println("  your saved work is back in place");
            } catch (InvalidInputException e) {
                out.println(s.colors().yellow("warning: ") + "part of the saved work could not be restored: " + e.getMessage());
            }
        }
        exam.startClock();
        try {
            exam.save(lab);
        } catch (UserError e) {
            out.println(s.colors().yellow("warning: ") + e.getMessage() + "; the exam runs, but it cannot be resumed if netpol-lab stops");
        }
        out.println();
    }
}
