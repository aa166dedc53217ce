package dev.netpollab.exam;

import dev.netpollab.grade.Colors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryLogTest {
    @Test
    @DisplayName("history lists exams and checks, shows scores over time and the weakest topics; bad lines are counted, not fatal")
    void history(@TempDir Path dir) throws Exception {
        HistoryLog log = new HistoryLog(dir.resolve("history.jsonl"));
        log.append(new HistoryLog.Entry("exam", Instant.parse("2026-11-20T10:00:00Z"), "Mock 1", List.of("a", "b"), 55.0, false,
                Map.of("dns", 20.0, "egress", 60.0), 3600, "/r/1"));
        log.append(new HistoryLog.Entry("check", Instant.parse("2026-11-21T10:00:00Z"), "DNS", List.of("dns-udp-only"), 100.0, true,
                Map.of("dns", 100.0), 120, null));
        log.append(new HistoryLog.Entry("exam", Instant.parse("2026-11-22T10:00:00Z"), "Mock 2", List.of("c"), 80.0, true,
                Map.of("dns", 30.0, "and-or", 90.0), 3000, "/r/2"));
        Files.writeString(dir.resolve("history.jsonl"), "{broken\n", StandardOpenOption.APPEND);
        HistoryLog.Read read = log.read();
        assertThat(read.entries()).hasSize(3);
        assertThat(read.unreadable()).isEqualTo(1);
        String text = String.join("\n", HistoryView.render(read, Colors.NONE, 10));
        assertThat(text).contains("1 line(s) of the history could not be read").contains("Mock 1").contains("55.0 %").contains("not passed")
                .contains("Mock 2").contains("(last 80.0 %, best 80.0 %)").contains("dns-udp-only").contains("Weakest topics");
        String weakest = text.substring(text.indexOf("Weakest topics"));
        assertThat(weakest.indexOf("dns")).isLessThan(weakest.indexOf("and-or")).isGreaterThan(0);
        assertThat(weakest).contains("50 %");
    }
}
