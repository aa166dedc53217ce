package dev.netpollab.workshop;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** 100 learners × 20 checks at once on loopback: every result graded and stored exactly once, re-sends included. */
class WorkshopLoadTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("100 learners × 20 checks: 2,000 results stored exactly once, every re-send acknowledged as a duplicate")
    void room() throws Exception {
        try (WorkshopFixture w = new WorkshopFixture(dir, "default-deny-scope")) {
            SimulatedRoom.Outcome o = SimulatedRoom.run(w.base, WorkshopFixture.CODE, w.scenario(0), 100, 20, 5, Duration.ofMinutes(3));
            assertThat(o.sent()).isEqualTo(2000);
            assertThat(o.resent()).isEqualTo(400);
            assertThat(o.duplicatesAcknowledged()).isEqualTo(400);
            List<SeatResult> stored = w.workshop.allResults();
            assertThat(stored).hasSize(2000);
            assertThat(new HashSet<>(stored.stream().map(r -> r.seat() + "/" + r.clientId()).toList())).hasSize(2000);
            Board b = w.workshop.board("", false);
            assertThat(b.seats()).hasSize(100);
            assertThat(b.results()).isEqualTo(2000);
            // The last of 20 alternating checks is the solution: every seat passes task 1 with its full weight.
            assertThat(b.seats()).allSatisfy(r -> {
                assertThat(r.cells().get(0).state()).isEqualTo("pass");
                assertThat(r.cells().get(0).checks()).isEqualTo(20);
            });
        }
    }
}
