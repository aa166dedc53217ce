package dev.netpollab.shell.kubectl;

import dev.netpollab.scenario.KubeYaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * JSON as kubectl writes it. kubectl's printer is Go's {@code json.MarshalIndent(obj, "", "    ")} plus a newline,
 * over objects read as unstructured maps, so: keys sorted, four-space indent, {@code "key": value} with no space
 * before the colon, {@code {}} and {@code []} for empty ones, and Go's escaping of {@code <}, {@code >} and {@code &}.
 */
public final class GoJson {
    private GoJson() {
    }

    /** The object as a JSON tree with its fields sorted, as Go marshals a map. */
    public static JsonNode tree(Object kubernetesObject) {
        return sorted(KubeYaml.serialization().convertValue(kubernetesObject, JsonNode.class));
    }

    static JsonNode sorted(JsonNode n) {
        if (n instanceof ObjectNode o) {
            ObjectNode out = o.objectNode();
            new TreeMap<String, JsonNode>(o.properties().stream().collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey,
                    java.util.Map.Entry::getValue))).forEach((k, v) -> out.set(k, sorted(v)));
            return out;
        }
        if (n.isArray()) {
            var out = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
            n.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return n;
    }

    /** {@code kubectl -o json}: indented, with a final newline. */
    public static String indent(JsonNode n) {
        StringBuilder b = new StringBuilder();
        write(n, b, "");
        return b.append('\n').toString();
    }

    /** Go's {@code json.Marshal}: compact, as jsonpath prints maps and lists. */
    public static String compact(JsonNode n) {
        StringBuilder b = new StringBuilder();
        write(n, b, null);
        return b.toString();
    }

    private static void write(JsonNode n, StringBuilder b, String indent) {
        if (n.isObject() || n.isArray()) {
            boolean object = n.isObject();
            List<String> keys = new ArrayList<>();
            if (object) {
                keys.addAll(n.propertyNames());
            }
            int size = object ? keys.size() : n.size();
            b.append(object ? '{' : '[');
            if (size == 0) {
                b.append(object ? '}' : ']');
                return;
            }
            String inner = indent == null ? null : indent + "    ";
            for (int i = 0; i < size; i++) {
                if (i > 0) {
                    b.append(',');
                }
                if (inner != null) {
                    b.append('\n').append(inner);
                }
                JsonNode v;
                if (object) {
                    string(keys.get(i), b);
                    b.append(inner == null ? ":" : ": ");
                    v = n.get(keys.get(i));
                } else {
                    v = n.get(i);
                }
                write(v, b, inner);
            }
            if (indent != null) {
                b.append('\n').append(indent);
            }
            b.append(object ? '}' : ']');
        } else if (n.isString()) {
            string(n.asString(), b);
        } else if (n.isNull() || n.isMissingNode()) {
            b.append("null");
        } else {
            b.append(n.toString());
        }
    }

    static void string(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '<', '>', '&', '\u2028', '\u2029' -> b.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
