package dev.netpollab.shell;

import dev.netpollab.exam.ExamPlan;
import dev.netpollab.exam.ExamPlanner;
import dev.netpollab.exam.ExamSession;
import dev.netpollab.lab.EmbeddedLab;
import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A scripted mock exam on the embedded lab, with a clock the test moves: deadline, reports, resume. */
class ExamEndToEndTest {
    @TempDir
    Path home;
    private ScenarioLibrary lib;
    private final ManualClock clock = new ManualClock("2026-11-29T09:00:00Z");

    @BeforeEach
    void setUp() throws Exception {
        System.setProperty("netpollab.home", home.toString());
        Path dir = home.resolve("course");
        Files.createDirectories(dir.resolve("exams"));
        Files.writeString(dir.resolve("exams/two.yaml"), """
                apiVersion: netpol-lab/v1
                kind: ExamSet
                metadata: {name: two, title: Two tasks}
                minutes: 10
                passPercent: 67
                tasks:
                  - {scenario: default-deny-scope, weight: 4}
                  - {scenario: selector-typo, weight: 6}
                """);
        lib = ScenarioLibrary.load(List.of(dir));
        assertThat(lib.problems()).isEmpty();
    }

    @AfterEach
    void tearDown() {
        System.clearProperty("netpollab.home");
    }

    private CompletableFuture<Integer> start(ScriptedTerminal t, ExamPlan plan, boolean resume) {
        ExamRunner.Options o = new ExamRunner.Options(lib, LabHandle.of(EmbeddedLab.start()), plan, resume, false, false,
                ExamSession.defaultStateFile(), true, clock, t.in, t.out);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return ExamRunner.run(o);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    @DisplayName("one task solved, one not, the deadline passes: graded automatically, reports with the right scores, history")
    void deadline() throws Exception {
        ExamPlan plan = ExamPlanner.fromSet(lib, "two", 42, null);
        Path fix = home.resolve("fix.yaml");
        Files.writeString(fix, plan.tasks().get(0).scenario().solution());
        ScriptedTerminal t = new ScriptedTerminal();
        CompletableFuture<Integer> run = start(t, plan, false);
        int at = t.awaitText("exam[1/2]> ", 0);
        t.type("check");
        at = t.awaitText("not available in a mock exam", at);
        t.type("apply -f " + fix);
        at = t.awaitText("configured", at);
        clock.advance(Duration.ofMinutes(6));
        t.type("goto 2");
        at = t.awaitText("warning: 5 minutes left", at);
        at = t.awaitText("exam[2/2]> ", at);
        clock.advance(Duration.ofMinutes(5));
        t.type("tasks");
        t.awaitText("Report: ", at);
        assertThat(run.get(60, TimeUnit.SECONDS)).isZero();
        String screen = t.screen();
        // Task 1 is fixed (its 4 targets: full weight 4); task 2 is untouched, so it earns nothing: 4 of 10.
        assertThat(screen).contains("Time is up.").contains("Score: 40.0 % — NOT PASSED (pass mark 67 %)");
        Path reports = home.resolve("reports");
        Path dir;
        try (Stream<Path> s = Files.list(reports)) {
            dir = s.findFirst().orElseThrow();
        }
        String json = Files.readString(dir.resolve("report.json"));
        assertThat(json).contains("\"percent\" : 40.0").contains("\"passed\" : false")
                .contains("\"scenario\" : \"default-deny-scope\"").contains("\"points\" : 4.0")
                .contains("\"scenario\" : \"selector-typo\"").contains("\"points\" : 0.0")
                .contains("\"targets\" : 5").contains("\"targetsMet\" : 5").contains("\"role\" : \"guard\"");
        assertThat(Files.readString(dir.resolve("report.md"))).contains("Score: **40.0 %**")
                .contains("| 1 | A default-deny that only denies one pod | 4 | 5/5 | 5/5 | 4.0 |")
                .contains("| 2 | One letter missing | 6 | 0/2 | 5/5 | 0.0 |");
        String junit = Files.readString(dir.resolve("junit.xml"));
        assertThat(junit).contains("<testsuite name=\"default-deny-scope\" tests=\"10\" failures=\"0\"")
                .contains("<testsuite name=\"selector-typo\" tests=\"7\" failures=\"2\"").contains("<failure message=\"observed blocked\">");
        assertThat(Files.readString(home.resolve("history.jsonl"))).contains("\"kind\":\"exam\"").contains("\"percent\":40.0");
        assertThat(ExamSession.defaultStateFile()).doesNotExist();
    }

    @Test
    @DisplayName("an interrupted exam resumes with the time that was left and the learner's work in place")
    void resume() throws Exception {
        ExamPlan plan = ExamPlanner.fromSet(lib, "two", 7, null);
        Path fix = home.resolve("fix.yaml");
        Files.writeString(fix, plan.tasks().get(1).scenario().solution());
        ScriptedTerminal first = new ScriptedTerminal();
        CompletableFuture<Integer> run = start(first, plan, false);
        int at = first.awaitText("exam[1/2]> ", 0);
        first.type("goto 2");
        at = first.awaitText("exam[2/2]> ", at);
        first.type("apply -f " + fix);
        first.awaitText("configured", at);
        clock.advance(Duration.ofMinutes(2));
        first.hangUp();
        assertThat(run.get(60, TimeUnit.SECONDS)).isZero();
        assertThat(first.screen()).contains("The exam is saved with 08:00 left: `netpol-lab exam --resume` continues it.");
        assertThat(ExamSession.defaultStateFile()).exists();

        clock.advance(Duration.ofMinutes(30));
        ScriptedTerminal second = new ScriptedTerminal();
        CompletableFuture<Integer> resumed = start(second, null, true);
        at = second.awaitText("exam[2/2]> ", 0);
        assertThat(second.screen()).contains("08:00 left (resumed)").contains("your saved work is back in place");
        second.type("submit --yes");
        second.awaitText("Report: ", at);
        assertThat(resumed.get(60, TimeUnit.SECONDS)).isZero();
        // The fix applied before the interruption counts: selector-typo earns its weight; default-deny-scope, as broken, earns 0.
        assertThat(second.screen()).containsPattern("2 +One letter missing +6 +2/2 +5/5 +6\\.0").contains("Score: 60.0 %");
    }

    @Test
    @DisplayName("the exam shows each task as the real exam does, never the drill's title or id; the debrief names them after submission")
    void hidesTitles() throws Exception {
        ExamPlan plan = ExamPlanner.fromSet(lib, "two", 3, null);
        ScriptedTerminal t = new ScriptedTerminal();
        CompletableFuture<Integer> run = start(t, plan, false);
        int at = t.awaitText("exam[1/2]> ", 0);
        t.type("tasks");
        at = t.awaitText("left. `goto N`", at);
        t.type("goto 2");
        at = t.awaitText("exam[2/2]> ", at);
        String during = t.screen();
        assertThat(during).contains("Task 1 · weight 4 · ~5 min").contains("Task 2 · weight 6 · ~4 min")
                .contains(plan.tasks().get(0).scenario().task().strip().lines().findFirst().orElseThrow());
        for (var task : plan.tasks()) {
            assertThat(during).doesNotContain(task.scenario().title()).doesNotContain(task.baseId());
        }
        t.type("submit --yes");
        t.awaitText("Report: ", at);
        assertThat(run.get(60, TimeUnit.SECONDS)).isZero();
        String after = t.screen().substring(during.length());
        assertThat(after).contains("A default-deny that only denies one pod").contains("One letter missing").contains("[selector-typo]")
                .contains("Score: 0.0 % — NOT PASSED");
    }

    /** A clock that only moves when the test says so. */
}
