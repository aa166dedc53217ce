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
}
