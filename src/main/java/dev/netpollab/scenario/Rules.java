package dev.netpollab.scenario;

import java.util.List;

/**
 * Integrity checks a scenario asks for.
 *
 * @param policiesOnlyIn namespaces where the learner's policies count; empty = everywhere
 * @param worldImmutable namespaces, pods, labels and services must stay as set up
 */
public record Rules(List<String> policiesOnlyIn, boolean worldImmutable) {
    public static final Rules NONE = new Rules(List.of(), false);

    public Rules {
        policiesOnlyIn = List.copyOf(policiesOnlyIn);
    }
}
