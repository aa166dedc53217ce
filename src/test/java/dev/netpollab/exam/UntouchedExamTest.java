package dev.netpollab.exam;

import dev.netpollab.grade.Grade;
import dev.netpollab.grade.Grader;
import dev.netpollab.grade.Report;
import dev.netpollab.lab.OfflineCluster;
import dev.netpollab.probe.ModelProber;
import dev.netpollab.scenario.ExamSet;
import dev.netpollab.scenario.ScenarioLibrary;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A mock exam submitted at once earns nothing: each task's credit counts only what the learner fixed. */
class UntouchedExamTest {
    private static final ScenarioLibrary LIB = ScenarioLibrary.load(List.of());

    /** The report of an exam submitted without a single change: every task graded in its broken state. */
    private static Report untouched(ExamPlan plan) {
        List<Report.Task> tasks = new ArrayList<>();
        for (ExamTask t : plan.tasks()) {
            Grade g = new Grader().grade(t.scenario(), OfflineCluster.snapshot(t.scenario(), t.scenario().brokenPolicies()), new ModelProber());
            assertThat(g.met()).as("%s: some rows already pass in the broken state (guards)", t.baseId()).isPositive();
            tasks.add(new Report.Task(t.scenario(), g, t.weight(), Duration.ZERO));
        }
        return new Report(plan.title(), Instant.EPOCH, "engine", tasks, plan.passPercent());
    }

    @Test
    @DisplayName("--tasks 3 with seeds 1 to 6, submitted at once, scores 0 %")
    void randomDraws() {
        for (long seed = 1; seed <= 6; seed++) {
            Report r = untouched(ExamPlanner.random(LIB, 3, null, seed));
            assertThat(r.percent()).as("seed %d", seed).isZero();
            assertThat(r.passed()).isFalse();
        }
    }

    @Test
    @DisplayName("every exam set, submitted at once, scores 0 %")
    void examSets() {
        assertThat(LIB.exams()).isNotEmpty();
        for (ExamSet set : LIB.exams()) {
            Report r = untouched(ExamPlanner.fromSet(LIB, set.name(), 1, null));
            assertThat(r.percent()).as(set.name()).isZero();
        }
    }
}
