package dev.netpollab.exam;

import dev.netpollab.lab.AppHome;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a learner did over time, one JSON line per drill check or exam in {@code ~/.netpol-lab/history.jsonl}.
 * Appending one line never rewrites the past; a line that cannot be read is skipped and counted.
 */
public final class HistoryLog {
    private static final JsonMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /**
     * @param kind     "check" (a drill) or "exam"
     * @param title    scenario title or exam title
     * @param percent  score in percent
     * @param topics   score per topic in percent
     * @param report   where the report files are, if any
     */
    public record Entry(String kind, Instant at, String title, List<String> scenarios, double percent, boolean passed,
                        Map<String, Double> topics, long seconds, String report) {
    }

    private final Path file;

    public HistoryLog(Path file) {
        this.file = file;
    }

    public static HistoryLog open() {
        return new HistoryLog(AppHome.resolve("history.jsonl"));
    }

    public void append(Entry e) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, JSON.writeValueAsString(e) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ex) {
            // History is a convenience; the grade was shown and the report written.
        }
    }

    /** All readable entries, oldest first, and how many lines could not be read. */
    public record Read(List<Entry> entries, int unreadable) {
    }

    public Read read() {
        List<Entry> out = new ArrayList<>();
        int bad = 0;
        if (!Files.exists(file)) {
            return new Read(out, 0);
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(JSON.readValue(line, Entry.class));
                } catch (RuntimeException e) {
                    bad++;
                }
            }
        } catch (IOException e) {
            return new Read(out, -1);
        }
        return new Read(out, bad);
    }
}
