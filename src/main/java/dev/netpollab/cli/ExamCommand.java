package dev.netpollab.cli;

import dev.netpollab.exam.ExamPlan;
import dev.netpollab.exam.ExamPlanner;
import dev.netpollab.exam.ExamSession;
import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.shell.ExamRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.io.Writer;
import java.time.Clock;
import java.util.concurrent.Callable;

@Command(name = "exam", description = {"A timed mock exam: tasks from an exam set or drawn at random under one countdown, graded at the end "
        + "(67%% to pass).", "A debrief by topic and report files follow. You have kubectl and probe only, as in the real exam."},
        footer = {"", "Examples:", "  netpol-lab exam --set mock-1", "  netpol-lab exam --tasks 6 --minutes 40 --seed 7", "  netpol-lab exam --resume"})
public class ExamCommand implements Callable<Integer> {
    @Option(names = "--set", paramLabel = "NAME", description = "An exam set from scenarios/exams (e.g. mock-1).")
    String set;

    @Option(names = "--tasks", paramLabel = "N", description = "Draw N tasks at random (default " + ExamPlanner.DEFAULT_TASKS + " when no --set).")
    Integer tasks;

    @Option(names = "--minutes", paramLabel = "M", description = "The time limit. Default: the set's, or 1.25 times the tasks' suggested minutes.")
    Integer minutes;

    @Option(names = "--seed", paramLabel = "S", description = "Seed for the draw and the variants (same seed, same exam). Default: random.")
    Long seed;

    @Option(names = "--resume", description = "Continue an interrupted exam with the time that was left.")
    boolean resume;

    @Option(names = "--restart", description = "Discard an interrupted exam and start a new one.")
    boolean restart;

    @Option(names = "--coach", description = "Let the coach comment (`lint`); off by default, as the real exam has none.")
    boolean coach;

    @Mixin
    LibraryOptions library;

    @Mixin
    LabOptions lab;

    @Mixin
    ColorOption color;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (minutes != null && (minutes < 1 || minutes > 240)) {
            throw new dev.netpollab.scenario.UserError("--minutes must be between 1 and 240");
        }
        ScenarioLibrary lib = Library.load(library, new PrintWriter(Writer.nullWriter()));
        long s = seed != null ? seed : Math.abs(new java.util.Random().nextInt(1_000_000)) + 1;
        ExamPlan plan = resume ? null : set != null ? ExamPlanner.fromSet(lib, set, s, minutes)
                : ExamPlanner.random(lib, tasks != null ? tasks : ExamPlanner.DEFAULT_TASKS, minutes, s);
        LabChooser.Choice choice = LabChooser.choose(lab);
        boolean piped = System.console() == null;
        return ExamRunner.run(new ExamRunner.Options(lib, choice.handle(), plan, resume, restart, coach,
                ExamSession.defaultStateFile(), color.noColor, Clock.systemUTC(), piped ? System.in : null, piped ? System.out : null));
    }
}
