package dev.netpollab.exam;

import dev.netpollab.grade.Grade;
import dev.netpollab.grade.Grader;
import dev.netpollab.grade.Report;
import dev.netpollab.lab.AppHome;
import dev.netpollab.lab.Lab;
import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.scenario.UserError;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * A mock exam in progress: one countdown, the task the learner is on, each task's state and the time
 * spent on it. The state is saved after every command, and the time every few seconds, so that an
 * interrupted (even killed) exam can be resumed with the time that was really left.
 *
 * <p>Time is measured on a monotonic clock ({@link System#nanoTime()}), never by subtracting wall-clock
 * readings: setting the system clock back or forward changes nothing, and a resumed exam continues from the
 * seconds used as saved, whatever the wall clock says now.
 */
public final class ExamSession {
    private static final JsonMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private ExamPlan plan;
    private final Clock clock;
    private final Path stateFile;
    private final boolean coach;
    private final Instant started;
    private final TaskState[] states;
    private final long[] seconds;
    private final long usedBefore;
    /** Monotonic nanoseconds: the system's for a real exam, a test clock's otherwise. */
    private final LongSupplier ticker;
    private long runStart;
    private long lastMark;
    /** The learner's work as last captured, so the time can be saved without asking the lab every few seconds. */
    private String lastWork;
    private int current;
    private boolean finished;

    private ExamSession(ExamPlan plan, Clock clock, LongSupplier ticker, Path stateFile, boolean coach, Instant started, TaskState[] states,
                        long[] seconds, long usedBefore, int current) {
        this.plan = plan;
        this.clock = clock;
        this.stateFile = stateFile;
        this.coach = coach;
        this.started = started;
        this.states = states;
        this.seconds = seconds;
        // A state file edited by hand (or from a clock gone wrong) cannot give back more than the whole exam, nor take more.
        this.usedBefore = Math.max(0, Math.min(usedBefore, plan.minutes() * 60L));
        this.ticker = ticker;
        this.runStart = ticker.getAsLong();
        this.lastMark = runStart;
        this.current = current;
    }

    /**
     * The monotonic time source for a clock: {@link System#nanoTime()} for the system clock, which the wall clock
     * cannot move; a test's own clock otherwise, so tests can still move time by hand.
     */
    static LongSupplier monotonic(Clock clock) {
        return clock.equals(Clock.system(clock.getZone())) ? System::nanoTime : () -> clock.millis() * 1_000_000L;
    }

    public static Path defaultStateFile() {
        return AppHome.resolve("exam", "current.json");
    }

    public static ExamSession start(ExamPlan plan, Clock clock, Path stateFile, boolean coach) {
        return start(plan, clock, monotonic(clock), stateFile, coach);
    }

    /** @param ticker monotonic nanoseconds (tests move it apart from the wall clock) */
    static ExamSession start(ExamPlan plan, Clock clock, LongSupplier ticker, Path stateFile, boolean coach) {
        int n = plan.tasks().size();
        TaskState[] states = new TaskState[n];
        java.util.Arrays.fill(states, TaskState.UNTOUCHED);
        return new ExamSession(plan, clock, ticker, stateFile, coach, clock.instant(), states, new long[n], 0, 0);
    }

    /** The saved state of an interrupted exam, if there is one. */
    public static Optional<ExamState> saved(Path stateFile) {
        if (!Files.exists(stateFile)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(Files.readString(stateFile), ExamState.class));
        } catch (IOException | RuntimeException e) {
            throw new UserError("the saved exam " + stateFile + " cannot be read (" + e.getMessage().lines().findFirst().orElse("")
                    + "); move it away to start a new exam");
        }
    }

    /** Rebuilds the exam from its saved state: the same tasks, variants and names, the time that was left. */
    public static ExamSession resume(ExamState st, ScenarioLibrary lib, Clock clock, Path stateFile) {
        return resume(st, lib, clock, monotonic(clock), stateFile);
    }

    static ExamSession resume(ExamState st, ScenarioLibrary lib, Clock clock, LongSupplier ticker, Path stateFile) {
        List<ExamTask> tasks = new ArrayList<>();
        for (ExamState.Task t : st.tasks()) {
            tasks.add(ExamPlanner.task(lib.require(t.scenario()), t.variant(), t.renames(), t.weight()));
        }
        ExamPlan plan = new ExamPlan(st.title(), st.setName(), st.seed(), st.minutes(), st.passPercent(), tasks);
        TaskState[] states = st.tasks().stream().map(ExamState.Task::state).toArray(TaskState[]::new);
        long[] seconds = st.tasks().stream().mapToLong(ExamState.Task::seconds).toArray();
        return new ExamSession(plan, clock, ticker, stateFile, st.coach(), st.started(), states, seconds, st.usedSeconds(), st.current());
    }

    public ExamPlan plan() {
        return plan;
    }

    /** Runs every task as the lab needs it (a shared cluster prefixes namespaces); call before the tasks are set up. */
    public void adaptTo(dev.netpollab.lab.Lab lab) {
        plan = new ExamPlan(plan.title(), plan.setName(), plan.seed(), plan.minutes(), plan.passPercent(), plan.tasks().stream()
                .map(t -> new ExamTask(lab.adapt(t.scenario()), t.baseId(), t.variant(), t.renames(), t.weight())).toList());
    }

    public boolean coach() {
        return coach;
    }

    public int current() {
        return current;
    }

    public ExamTask currentTask() {
        return plan.tasks().get(current);
    }

    public TaskState state(int i) {
        return states[i];
    }

    public Duration spent(int i) {
        mark();
        return Duration.ofSeconds(seconds[i]);
    }

    public synchronized Duration used() {
        return Duration.ofSeconds(usedBefore).plusNanos(Math.max(0, ticker.getAsLong() - runStart));
    }

    public Duration remaining() {
        Duration left = Duration.ofMinutes(plan.minutes()).minus(used());
        return left.isNegative() ? Duration.ZERO : left;
    }

    public boolean timeUp() {
        return remaining().isZero();
    }

    public boolean finished() {
        return finished;
    }

    /** Starts (or restarts) the countdown: preparing the lab does not eat into the learner's time. */
    public synchronized void startClock() {
        runStart = ticker.getAsLong();
        lastMark = runStart;
    }

    /** Books the whole seconds since the last mark on the current task. */
    public synchronized void mark() {
        long whole = Math.max(0, (ticker.getAsLong() - lastMark) / 1_000_000_000L);
        seconds[current] += whole;
        lastMark += whole * 1_000_000_000L;
    }

    public synchronized void goTo(int index) {
        if (index < 0 || index >= plan.tasks().size()) {
            throw new UserError("there are tasks 1 to " + plan.tasks().size());
        }
        mark();
        current = index;
    }

    /** Flags or unflags the current task, for coming back to it. */
    public boolean toggleFlag() {
        states[current] = states[current] == TaskState.FLAGGED ? TaskState.ATTEMPTED : TaskState.FLAGGED;
        return states[current] == TaskState.FLAGGED;
    }

    /** The learner changed something while on this task. */
    public void attempted() {
        if (states[current] == TaskState.UNTOUCHED) {
            states[current] = TaskState.ATTEMPTED;
        }
    }

    /** Saves everything needed to resume, including the learner's work in the lab. */
    public void save(Lab lab) {
        String work = ExamWork.capture(lab.client(), plan).toJson();
        synchronized (this) {
            lastWork = work;
            write();
        }
    }

    /**
     * Saves the time used (with the work as last captured), cheaply enough to run every few seconds: a crash
     * or {@code kill -9} then gives back at most those few seconds.
     */
    public synchronized void saveClock() {
        if (lastWork != null) {
            write();
        }
    }

    private void write() {
        if (finished) {
            return;
        }
        mark();
        List<ExamState.Task> tasks = new ArrayList<>();
        for (int i = 0; i < plan.tasks().size(); i++) {
            ExamTask t = plan.tasks().get(i);
            tasks.add(new ExamState.Task(t.baseId(), t.variant(), t.renames(), t.weight(), states[i], seconds[i]));
        }
        ExamState st = new ExamState(1, plan.title(), plan.setName(), plan.seed(), plan.minutes(), plan.passPercent(), coach, tasks,
                used().getSeconds(), current, started, lastWork);
        try {
            AppHome.writeAtomically(stateFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(st));
        } catch (IOException e) {
            throw new UserError("the exam could not be saved to " + stateFile + " (" + dev.netpollab.scenario.IoMessages.of(e) + ")");
        }
    }

    /** Grades every task, ends the exam and removes the saved state. */
    public synchronized Report finish(Lab lab, Grader grader) {
        mark();
        List<Report.Task> out = new ArrayList<>();
        for (int i = 0; i < plan.tasks().size(); i++) {
            ExamTask t = plan.tasks().get(i);
            Grade g = grader.grade(t.scenario(), lab.snapshot(t.scenario()), dev.netpollab.probe.Probers.of(lab));
            out.add(new Report.Task(t.scenario(), g, t.weight(), Duration.ofSeconds(seconds[i])));
        }
        finished = true;
        try {
            Files.deleteIfExists(stateFile);
        } catch (IOException e) {
            // A stale state file only offers a resume that finds the exam already graded.
        }
        return new Report(plan.title(), clock.instant(), lab.describe(), out, plan.passPercent());
    }
}
