package dev.netpollab.workshop;

import dev.netpollab.testing.ManualClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The board's sense of time, on a clock the test moves: time on a task, no progress for N minutes, late results. */
class WorkshopBoardTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("time runs from the first visit to the first pass; only a better score is progress; results after the time are late")
    void time() throws Exception {
        ManualClock clock = new ManualClock("2026-12-01T09:00:00Z");
        try (WorkshopFixture w = new WorkshopFixture(dir, clock, "default-deny-scope", "leftover-allow-all")) {
            WorkshopApi.Joined ann = w.join("ann");
            String results = "/api/seats/" + ann.seat() + "/results";
            w.post("/api/seats/" + ann.seat() + "/visit", ann.token(), "{\"task\":0,\"lab\":\"embedded\"}");
            w.workshop.timer("start", null);
            clock.advance(Duration.ofMinutes(11));
            Board.Row row = w.workshop.board("", false).seats().get(0);
            assertThat(row.idleSeconds()).isEqualTo(660);
            assertThat(row.cells().get(0).state()).isEqualTo("working");
            assertThat(row.cells().get(0).seconds()).isEqualTo(660);

            w.post(results, ann.token(), w.result(0, "check", w.scenario(0).brokenPolicies()));
            assertThat(w.workshop.board("", false).seats().get(0).idleSeconds()).as("a check that scores nothing is no progress").isEqualTo(660);
            clock.advance(Duration.ofMinutes(1));
            w.post(results, ann.token(), w.result(0, "check", w.scenario(0).solutionPolicies()));
            clock.advance(Duration.ofMinutes(2));
            row = w.workshop.board("", false).seats().get(0);
            assertThat(row.idleSeconds()).isEqualTo(120);
            assertThat(row.cells().get(0).seconds()).as("stops at the first pass").isEqualTo(720);
            assertThat(row.cells().get(0).late()).isFalse();

            w.post(results, ann.token(), w.result(0, "check", w.scenario(0).brokenPolicies()));
            clock.advance(Duration.ofMinutes(5));
            row = w.workshop.board("", false).seats().get(0);
            assertThat(row.cells().get(0).state()).isEqualTo("fail");
            assertThat(row.idleSeconds()).as("a worse score is no progress either").isEqualTo(420);

            clock.advance(Duration.ofMinutes(w.workshop.plan().minutes()));
            assertThat(w.workshop.board("", false).timer().state()).isEqualTo("over");
            WorkshopApi.Ack late = WorkshopApi.LENIENT.readValue(
                    w.post(results, ann.token(), w.result(1, "submit", w.scenario(1).solutionPolicies())).body(), WorkshopApi.Ack.class);
            assertThat(late.late()).isTrue();
            assertThat(w.workshop.board("", false).seats().get(0).cells().get(1).late()).isTrue();
        }
    }
}
