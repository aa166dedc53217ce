package dev.netpollab.scenario;

import java.util.List;

/** {@code metadata:} of a scenario: its id, title, difficulty, topics and suggested minutes. */
public record ScenarioMeta(String id, String title, Difficulty difficulty, List<String> topics, int minutes) {
    public ScenarioMeta {
        topics = List.copyOf(topics);
    }
}
