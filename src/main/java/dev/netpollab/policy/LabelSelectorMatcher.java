package dev.netpollab.policy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A compiled label selector. "The result of matchLabels and matchExpressions are ANDed. An empty label
 * selector matches all objects." (LabelSelector, API reference)
 */
public final class LabelSelectorMatcher {
    private static final LabelSelectorMatcher ALL = new LabelSelectorMatcher(List.of(), "");

    private final List<Predicate<Map<String, String>>> requirements;
    private final String text;

    private LabelSelectorMatcher(List<Predicate<Map<String, String>>> requirements, String text) {
        this.requirements = requirements;
        this.text = text;
    }

    /** Matches every label set. */
    public static LabelSelectorMatcher all() {
        return ALL;
    }

    /** Compiles a selector that has passed validation; a null selector is treated as empty. */
    public static LabelSelectorMatcher of(LabelSelector selector) {
        if (selector == null) {
            return ALL;
        }
        List<Predicate<Map<String, String>>> reqs = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        // "matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels map is equivalent
        // to an element of matchExpressions, whose key field is "key", the operator is "In", and the values
        // array contains only "value"."
        Map<String, String> ml = selector.getMatchLabels() == null ? Map.of() : new TreeMap<>(selector.getMatchLabels());
        ml.forEach((k, v) -> {
            reqs.add(labels -> v.equals(labels.get(k)));
            parts.add(k + "=" + v);
        });
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String key = r.getKey();
                Set<String> values = new TreeSet<>(r.getValues() == null ? List.of() : r.getValues());
                String op = r.getOperator() == null ? "" : r.getOperator();
                switch (op) {
                    // "In and NotIn: the values array must be non-empty" / "Exists and DoesNotExist: the values
                    // array must be empty" (LabelSelectorRequirement.operator)
                    case "In" -> {
                        reqs.add(labels -> labels.containsKey(key) && values.contains(labels.get(key)));
                        parts.add(key + " in (" + String.join(",", values) + ")");
                    }
                    case "NotIn" -> {
                        // A label set without the key matches NotIn, as in the apimachinery labels package.
                        reqs.add(labels -> !labels.containsKey(key) || !values.contains(labels.get(key)));
                        parts.add(key + " notin (" + String.join(",", values) + ")");
                    }
                    case "Exists" -> {
                        reqs.add(labels -> labels.containsKey(key));
                        parts.add(key);
                    }
                    case "DoesNotExist" -> {
                        reqs.add(labels -> !labels.containsKey(key));
                        parts.add("!" + key);
                    }
                    default -> throw new IllegalArgumentException("not a valid selector operator: " + op);
                }
            }
        }
        return new LabelSelectorMatcher(List.copyOf(reqs), String.join(",", parts));
    }

    public boolean matches(Map<String, String> labels) {
        for (Predicate<Map<String, String>> r : requirements) {
            if (!r.test(labels)) {
                return false;
            }
        }
        return true;
    }

    /** True for an empty selector, which matches everything. */
    public boolean isEmpty() {
        return requirements.isEmpty();
    }

    /** kubectl's selector notation, e.g. {@code app=api,tier in (a,b)}; empty for the match-all selector. */
    @Override
    public String toString() {
        return text;
    }
}
