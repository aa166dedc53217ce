package dev.netpollab.scenario;

import java.util.List;
import java.util.Map;

/**
 * What an author lets vary between attempts, so answers cannot be memorised: namespace names, label
 * values and port numbers, each with the alternatives to draw from. Rendering rewrites the whole scenario
 * text consistently (task, world, broken, expect, solution, explanation).
 */
public record Variants(Map<String, List<String>> namespaces, Map<String, List<String>> labelValues,
                       Map<String, List<String>> ports) {
    public static final Variants NONE = new Variants(Map.of(), Map.of(), Map.of());

    public Variants {
        namespaces = Map.copyOf(namespaces);
        labelValues = Map.copyOf(labelValues);
        ports = Map.copyOf(ports);
    }

    public boolean isEmpty() {
        return namespaces.isEmpty() && labelValues.isEmpty() && ports.isEmpty();
    }
}
