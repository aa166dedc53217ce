package dev.netpollab.shell;

import dev.netpollab.exam.ExamSession;
import dev.netpollab.exam.TaskState;
import dev.netpollab.grade.Colors;
import org.jline.reader.LineReader;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * A timed mock exam: tasks provisioned up front, one countdown, warnings at 15 and 5 minutes, graded when
 * the learner submits or when the time is up. No hints, solutions or checks — kubectl and probe only.
 */
public final class ExamMode implements ShellMode {
    static final List<Class<? extends ShellCommand>> COMMANDS = List.of(ExamCommands.TasksCmd.class, ExamCommands.GotoCmd.class,
            ExamCommands.NextCmd.class, ExamCommands.PrevCmd.class, ExamCommands.FlagCmd.class, ExamCommands.TaskCmd.class,
            TrainerCommands.ProbeCmd.class, ExamCommands.SubmitCmd.class, ExamCommands.QuitCmd.class);
    static final List<Class<? extends ShellCommand>> WITH_COACH = List.of(ExamCommands.TasksCmd.class, ExamCommands.GotoCmd.class,
            ExamCommands.NextCmd.class, ExamCommands.PrevCmd.class, ExamCommands.FlagCmd.class, ExamCommands.TaskCmd.class,
            TrainerCommands.ProbeCmd.class, TrainerCommands.LintCmd.class, ExamCommands.SubmitCmd.class, ExamCommands.QuitCmd.class);

    private final ExamSession exam;
    private final boolean resumed;
    private final java.util.concurrent.atomic.AtomicBoolean grading = new java.util.concurrent.atomic.AtomicBoolean();
    private boolean warned15;
    private boolean warned5;
    /** Saves the time every few seconds, whatever the terminal: a killed exam gives back only those seconds. */
    private java.util.concurrent.ScheduledExecutorService clockSaver;
    private volatile String saveProblem;
    public static final long CLOCK_SAVE_SECONDS = 5;

    public ExamMode(ExamSession exam, boolean resumed) {
        this.exam = exam;
        this.resumed = resumed;
        Duration left = exam.remaining();
        warned15 = left.compareTo(Duration.ofMinutes(15)) <= 0;
        warned5 = left.compareTo(Duration.ofMinutes(5)) <= 0;
    }

    /** One attempt object per task, so probe and completion work on the task being looked at. */
    static Attempt attemptFor(Session s, int task) {
        return s.examAttempt(task, () -> new Attempt(s.exam().orElseThrow().plan().tasks().get(task).scenario(), s.clock().instant()));
    }

    @Override
    public List<Class<? extends ShellCommand>> commands() {
        return exam.coach() ? WITH_COACH : COMMANDS;
    }

    @Override
    public String title() {
        return "Exam commands";
    }

    @Override
    public void banner(Session s) {
        s.exam(exam);
        s.coach(exam.coach());
        s.onPolicyChange(() -> {
            exam.attempted();
            if (exam.coach()) {
                Drill.coachSummary(s);
            }
        });
        clockSaver = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "exam-clock-saver");
            t.setDaemon(true);
            return t;
        });
        clockSaver.scheduleWithFixedDelay(() -> {
            try {
                exam.saveClock();
            } catch (RuntimeException e) {
                saveProblem = e.getMessage();
            }
        }, CLOCK_SAVE_SECONDS, CLOCK_SAVE_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        PrintWriter out = s.out();
        Colors c = s.colors();
        out.println(c.bold("netpol-lab mock exam") + " — " + exam.plan().title());
        out.println(exam.plan().tasks().size() + " tasks, " + (resumed ? Attempt.clock(exam.remaining()) + " left (resumed)" : exam.plan().minutes() + " minutes")
                + ", pass mark " + exam.plan().passPercent() + " %. Lab: " + s.labHandle().kind() + ".");
        out.println("As in the real exam: kubectl and `probe` only — no hints, solutions or checks" + (exam.coach() ? " (the coach is on: `lint`)" : "")
                + ".");
        out.println("Move with `tasks`, `goto N`, `next` and `prev`; `flag` a task for later; `submit` when done.");
        out.println();
        ExamCommands.show(s, exam.current());
    }

    @Override
    public String prompt(Session s) {
        return s.colors().bold("exam") + s.colors().dim("[" + (exam.current() + 1) + "/" + exam.plan().tasks().size() + "]") + "> ";
    }

    @Override
    public String status(Session s) {
        long flagged = java.util.stream.IntStream.range(0, exam.plan().tasks().size()).filter(i -> exam.state(i) == TaskState.FLAGGED).count();
        return "EXAM | task " + (exam.current() + 1) + "/" + exam.plan().tasks().size() + " | " + Attempt.clock(exam.remaining()) + " left"
                + (flagged > 0 ? " | " + flagged + " flagged" : "");
    }

    @Override
    public boolean beforeCommand(Session s) {
        if (exam.finished()) {
            s.quit();
            return false;
        }
        warnings(s.out()::println);
        if (exam.timeUp()) {
            if (grading.compareAndSet(false, true)) {
                try {
                    ExamCommands.finish(s, true);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else {
                // The timer is grading at this moment; wait for it rather than run a command on a finished exam.
                for (int i = 0; i < 1200 && !exam.finished(); i++) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                s.quit();
            }
            return false;
        }
        return true;
    }

    private void warnings(java.util.function.Consumer<String> say) {
        Duration left = exam.remaining();
        if (!warned15 && left.compareTo(Duration.ofMinutes(15)) <= 0) {
            warned15 = true;
            say.accept("warning: 15 minutes left");
        }
        if (!warned5 && left.compareTo(Duration.ofMinutes(5)) <= 0) {
            warned5 = true;
            say.accept("warning: 5 minutes left");
        }
    }

    @Override
    public void afterCommand(Session s) {
        if (!exam.finished() && s.labHandle().ready()) {
            try {
                exam.save(s.lab());
                saveProblem = null;
            } catch (RuntimeException e) {
                warnUnsaved(s, e.getMessage());
            }
        }
        String p = saveProblem;
        if (p != null) {
            warnUnsaved(s, p);
        }
    }

    private String warned;

    /** Says once per problem that the exam is not being saved: the learner may want to stay in this session. */
    private void warnUnsaved(Session s, String problem) {
        if (!problem.equals(warned)) {
            warned = problem;
            s.out().println(s.colors().yellow("warning: ") + problem + "; the exam goes on, but it could not be resumed if netpol-lab stopped now");
        }
    }

    /**
     * At the prompt: warn above it, and at the deadline grade right away, from this timer thread: a blocked
     * terminal read cannot be interrupted portably, and the exam must not wait for a key press. The debrief
     * is printed above the prompt; the next Enter leaves the shell. A half-typed line is shown, not run.
     */
    @Override
    public void tick(Session s, LineReader reader) {
        warnings(reader::printAbove);
        if (exam.timeUp() && !exam.finished() && grading.compareAndSet(false, true)) {
            String typed = reader.getBuffer().toString();
            if (!typed.isBlank()) {
                reader.printAbove("(unfinished line, not run: " + typed + ")");
            }
            try {
                ExamCommands.finish(s, true, reader::printAbove);
                reader.printAbove("The exam is over: press Enter to leave.");
            } catch (IOException | RuntimeException e) {
                reader.printAbove("grading failed: " + e.getMessage() + " — press Enter; your work is saved and can be resumed");
            }
        }
    }

    @Override
    public void onExit(Session s) {
        if (clockSaver != null) {
            clockSaver.shutdownNow();
        }
        if (!exam.finished()) {
            try {
                if (s.labHandle().ready()) {
                    exam.save(s.lab());
                } else {
                    exam.saveClock();
                }
                s.out().println("The exam is saved with " + Attempt.clock(exam.remaining()) + " left: `netpol-lab exam --resume` continues it.");
            } catch (RuntimeException e) {
                s.out().println(s.colors().yellow("warning: ") + e.getMessage() + ": this exam cannot be resumed");
            }
        }
    }
}
