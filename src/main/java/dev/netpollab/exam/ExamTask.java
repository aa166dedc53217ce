package dev.netpollab.exam;

import dev.netpollab.scenario.Scenario;

import java.util.Map;

/**
 * One task of a mock exam: a scenario as rendered for this exam (its variant, and namespaces renamed
 * where another task already uses them), and its weight.
 *
 * @param baseId  the scenario's id in the library
 * @param variant the variant seed (0 = as written)
 * @param renames namespace renames applied after the variant, so tasks never share a namespace
 */
public record ExamTask(Scenario scenario, String baseId, long variant, Map<String, String> renames, int weight) {
    public ExamTask {
        renames = Map.copyOf(renames);
    }

    /**
     * How the exam introduces a task: "Task 2 · weight 7 · ~7 min", as the real exam does. Never the
     * scenario's title or id: they name the mistake to find. Reports may name them after submission.
     */
    public static String heading(int index, int of, ExamTask task) {
        return "Task " + (index + 1) + " · weight " + task.weight() + " · ~" + task.scenario().meta().minutes() + " min";
    }
}
