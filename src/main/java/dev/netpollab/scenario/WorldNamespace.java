package dev.netpollab.scenario;

import java.util.Map;

public record WorldNamespace(String name, Map<String, String> labels) {
    public WorldNamespace {
        labels = Map.copyOf(labels);
    }
}
