package dev.netpollab.exam;

import java.util.List;

/** What an exam consists of: tasks, time, pass mark, and how it was drawn (so it can be rebuilt on resume). */
public record ExamPlan(String title, String setName, long seed, int minutes, int passPercent, List<ExamTask> tasks) {
    public ExamPlan {
        tasks = List.copyOf(tasks);
    }
}
