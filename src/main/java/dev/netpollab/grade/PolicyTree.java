package dev.netpollab.grade;

import dev.netpollab.policy.PolicyDefaults;
import dev.netpollab.scenario.KubeYaml;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A NetworkPolicy as the API server stores it — defaulted ({@code policyTypes}, {@code protocol: TCP}) — as a
 * JSON tree in which forms that mean the same are written one way: an empty {@code from}, {@code to},
 * {@code ports}, {@code ingress} or {@code egress} list is the same as none (the API reference gives both one
 * meaning), and so is an empty {@code matchLabels} or {@code matchExpressions}. Server-set metadata is dropped.
 */
public final class PolicyTree {
    private static final Set<String> EMPTY_MEANS_ABSENT = Set.of("from", "to", "ports", "ingress", "egress", "except",
            "matchLabels", "matchExpressions");
    private static final Set<String> METADATA = Set.of("name", "namespace", "labels");

    private PolicyTree() {
    }

    public static JsonNode of(NetworkPolicy np) {
        NetworkPolicy copy = KubeYaml.serialization().clone(np);
        PolicyDefaults.apply(copy);
        JsonNode tree = KubeYaml.serialization().convertValue(copy, JsonNode.class);
        if (tree instanceof ObjectNode o) {
            o.remove("status");
            if (o.get("metadata") instanceof ObjectNode m) {
                List<String> drop = new ArrayList<>();
                m.propertyNames().forEach(k -> {
                    if (!METADATA.contains(k)) {
                        drop.add(k);
                    }
                });
                m.remove(drop);
            }
            if (o.get("spec") != null) {
                normalize(o.get("spec"));
            }
        }
        return tree;
    }

    private static void normalize(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<String> drop = new ArrayList<>();
            for (String k : o.propertyNames()) {
                JsonNode v = o.get(k);
                if (v == null || v.isNull() || EMPTY_MEANS_ABSENT.contains(k) && v.isContainer() && v.isEmpty()) {
                    drop.add(k);
                } else {
                    normalize(v);
                }
            }
            o.remove(drop);
        } else if (node instanceof ArrayNode a) {
            a.forEach(PolicyTree::normalize);
        }
    }

    /** Deep equality where numbers compare by value (7010 as an int equals 7010 as a long). */
    public static boolean same(JsonNode a, JsonNode b) {
        return firstDifference(a, b, "").isEmpty();
    }

    /** The path of the first place two trees differ, e.g. {@code spec.ingress[0].from}; empty when they are the same. */
    public static Optional<String> firstDifference(JsonNode a, JsonNode b, String path) {
        if (a == null || b == null) {
            return a == b ? Optional.empty() : Optional.of(path);
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0 ? Optional.empty() : Optional.of(path);
        }
        if (a.isObject() && b.isObject()) {
            Set<String> keys = new java.util.TreeSet<>();
            a.propertyNames().forEach(keys::add);
            b.propertyNames().forEach(keys::add);
            for (String k : keys) {
                Optional<String> d = firstDifference(a.get(k), b.get(k), path.isEmpty() ? k : path + "." + k);
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        if (a.isArray() && b.isArray()) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                Optional<String> d = firstDifference(i < a.size() ? a.get(i) : null, i < b.size() ? b.get(i) : null, path + "[" + i + "]");
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        return a.equals(b) ? Optional.empty() : Optional.of(path);
    }
}
