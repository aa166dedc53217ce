package dev.netpollab.exam;

import dev.netpollab.lab.EmbeddedLab;
import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.testing.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exam time runs on a monotonic clock: setting the wall clock back or forward gives or takes nothing, a state
 * file edited by hand cannot give more than the whole exam, and the time is saved every few seconds so that a
 * killed exam gives back only those seconds.
 */
class ExamClockTest {
    private static final ScenarioLibrary LIB = ScenarioLibrary.load(List.of());
    private static final JsonMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final ManualClock wall = new ManualClock("2026-11-29T09:00:00Z");
    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

    private void elapse(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    private ExamSession start(Path state) {
        ExamPlan plan = ExamPlanner.random(LIB, 2, 20, 7);
        return ExamSession.start(plan, wall, nanos::get, state, false);
    }

    @Test
    void settingTheWallClockBackOrForwardChangesNothing(@TempDir Path dir) {
        ExamSession exam = start(dir.resolve("current.json"));
        exam.startClock();
        elapse(Duration.ofSeconds(60));
        wall.advance(Duration.ofHours(-2));
        assertThat(exam.used()).isEqualTo(Duration.ofSeconds(60));
        assertThat(exam.remaining()).isEqualTo(Duration.ofMinutes(19));
        wall.advance(Duration.ofHours(5));
        elapse(Duration.ofSeconds(10));
        assertThat(exam.used()).isEqualTo(Duration.ofSeconds(70));
        assertThat(exam.timeUp()).isFalse();
        exam.mark();
        assertThat(exam.spent(exam.current())).isEqualTo(Duration.ofSeconds(70));
    }

    /** A started exam saved once, with its work: what a resume finds. */
    private ExamSession saved(Path state, EmbeddedLab lab) {
        ExamSession exam = start(state);
        exam.startClock();
        exam.save(lab);
        return exam;
    }

    @Test
    void aHandEditedStateCannotGiveBackMoreThanTheExamNorTakeMore(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("current.json");
        try (EmbeddedLab lab = EmbeddedLab.start()) {
            saved(state, lab);
            ExamState saved = JSON.readValue(Files.readString(state), ExamState.class);
            for (long used : new long[]{-5000, 10_000_000}) {
                ExamState edited = new ExamState(saved.version(), saved.title(), saved.setName(), saved.seed(), saved.minutes(),
                        saved.passPercent(), saved.coach(), saved.tasks(), used, saved.current(), saved.started(), saved.work());
                ExamSession resumed = ExamSession.resume(edited, LIB, wall, nanos::get, state);
                resumed.startClock();
                assertThat(resumed.used()).isBetween(Duration.ZERO, Duration.ofMinutes(20));
                assertThat(resumed.remaining()).isBetween(Duration.ZERO, Duration.ofMinutes(20));
            }
        }
    }

    @Test
    void theTimeIsSavedWithoutACommandSoACrashGivesBackOnlyTheLastFewSeconds(@TempDir Path dir) throws Exception {
        Path state = dir.resolve("current.json");
        try (EmbeddedLab lab = EmbeddedLab.start()) {
            ExamSession exam = saved(state, lab);
            elapse(Duration.ofMinutes(7));
            exam.saveClock();
            elapse(Duration.ofSeconds(3));
            // The process dies here: what a resume finds is the time as last saved.
            ExamState saved = JSON.readValue(Files.readString(state), ExamState.class);
            assertThat(saved.usedSeconds()).isEqualTo(7 * 60);
            assertThat(saved.work()).isNotNull();
            ExamSession resumed = ExamSession.resume(saved, LIB, wall, nanos::get, state);
            resumed.startClock();
            assertThat(resumed.remaining()).isEqualTo(Duration.ofMinutes(13));
        }
    }

    @Test
    void aKilledExamProcessHasItsTimeOnDisk(@TempDir Path home) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.netpollab.cli.Main", "exam", "--tasks", "1",
                "--seed", "3", "--lab", "embedded"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(home.resolve("out.txt").toFile());
        pb.environment().put("NETPOL_LAB_HOME", home.toString());
        Process p = pb.start();
        Path state = home.resolve("exam/current.json");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.exists(state) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(state).as(Files.exists(home.resolve("out.txt")) ? Files.readString(home.resolve("out.txt")) : "").exists();
            // No command is typed: only the periodic save can record the time.
            Thread.sleep(TimeUnit.SECONDS.toMillis(2 * dev.netpollab.shell.ExamMode.CLOCK_SAVE_SECONDS + 2));
        } finally {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        ExamState saved = JSON.readValue(Files.readString(state), ExamState.class);
        assertThat(saved.usedSeconds()).isGreaterThanOrEqualTo(dev.netpollab.shell.ExamMode.CLOCK_SAVE_SECONDS);
    }
}
