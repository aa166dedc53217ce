package dev.netpollab.exam;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to resume an interrupted exam: how it was drawn, time used, where the learner was,
 * and their work (policies and labels) as YAML, saved after every command.
 */
public record ExamState(int version, String title, String setName, long seed, int minutes, int passPercent, boolean coach,
                        List<Task> tasks, long usedSeconds, int current, Instant started, String work) {
    public record Task(String scenario, long variant, Map<String, String> renames, int weight, TaskState state, long seconds) {
    }
}
