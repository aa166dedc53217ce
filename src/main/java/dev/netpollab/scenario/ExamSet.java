package dev.netpollab.scenario;

import java.util.List;

/**
 * A mock-exam set ({@code kind: ExamSet}, in {@code scenarios/exams/}): which scenarios, their weights,
 * the time limit and the pass mark.
 */
public record ExamSet(String source, String name, String title, int minutes, int passPercent, List<Task> tasks) {
    public record Task(String scenario, int weight) {
    }

    public ExamSet {
        tasks = List.copyOf(tasks);
    }
}
