package dev.netpollab.scenario;

import tools.jackson.databind.JsonNode;

/**
 * One line of a scenario's {@code checks:}: a fact about a NetworkPolicy object, graded beside the probes.
 * Probes show what traffic does; checks hold what the task demands of the objects themselves — a name, a
 * removal, a policy left alone, a required form — which no probe can see.
 */
public sealed interface PolicyCheck {
    /** Position in {@code checks:}. */
    int index();

    String namespace();

    String name();

    /** The author's words for the row, or null to describe it from the check. */
    String description();

    default String policy() {
        return namespace() + "/" + name();
    }

    /** The row as a learner reads it. */
    default String describe() {
        return description() != null ? description() : defaultDescription();
    }

    String defaultDescription();

    /** {@code exists: ns/name}: a NetworkPolicy with this name is in the namespace. */
    record Exists(int index, String namespace, String name, String description) implements PolicyCheck {
        @Override
        public String defaultDescription() {
            return "NetworkPolicy " + policy() + " exists";
        }
    }

    /** {@code absent: ns/name}: no NetworkPolicy has this name in the namespace (it was deleted, or never created). */
    record Absent(int index, String namespace, String name, String description) implements PolicyCheck {
        @Override
        public String defaultDescription() {
            return "NetworkPolicy " + policy() + " is gone";
        }
    }

    /** {@code unchanged: ns/name}: the policy is still there with the spec it had in the broken state, after defaulting. */
    record Unchanged(int index, String namespace, String name, String description) implements PolicyCheck {
        @Override
        public String defaultDescription() {
            return "NetworkPolicy " + policy() + " is kept unchanged";
        }
    }

    /**
     * {@code repaired: ns/name}: the policy is still there and its spec is no longer the broken state's, after
     * defaulting: the task asks to fix that policy, not to add a working one beside it.
     */
    record Repaired(int index, String namespace, String name, String description) implements PolicyCheck {
        @Override
        public String defaultDescription() {
            return "NetworkPolicy " + policy() + " is repaired in place";
        }
    }

    /**
     * {@code policy: ns/name, field: PATH} with {@code equals} and/or {@code count}: a required form, checked on the
     * policy as the API server stores it (defaulted).
     *
     * @param equals every node the path reaches equals this value, and there is at least one; null when not asked
     * @param count  the path reaches exactly this many nodes; null when not asked
     */
    record Field(int index, String namespace, String name, FieldPath path, JsonNode equals, Integer count, String description)
            implements PolicyCheck {
        @Override
        public String defaultDescription() {
            String s = policy() + " " + path;
            if (count != null) {
                s += " occurs " + count + (count == 1 ? " time" : " times");
                return equals == null ? s : s + ", each " + equals;
            }
            return s + " is " + equals;
        }
    }
}
