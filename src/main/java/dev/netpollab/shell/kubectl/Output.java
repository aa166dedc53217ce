package dev.netpollab.shell.kubectl;

import dev.netpollab.grade.TextTable;
import dev.netpollab.shell.ShellError;
import io.fabric8.kubernetes.api.model.HasMetadata;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * kubectl's {@code -o}: {@code json}, {@code yaml}, {@code name}, {@code wide}, {@code jsonpath=TEMPLATE} and
 * {@code custom-columns=HEADER:PATH,...}; a table when none is given.
 */
record Output(String kind, String argument) {
    static final String ALLOWED = "custom-columns,json,jsonpath,name,wide,yaml";

    static Output parse(String flag) {
        if (flag == null || flag.isEmpty()) {
            return new Output("table", null);
        }
        int eq = flag.indexOf('=');
        String kind = eq < 0 ? flag : flag.substring(0, eq);
        String arg = eq < 0 ? null : unquote(flag.substring(eq + 1));
        return switch (kind) {
            case "json", "yaml", "name", "wide" -> {
                if (arg != null) {
                    throw unmatched(flag);
                }
                yield new Output(kind, null);
            }
            case "jsonpath", "custom-columns" -> {
                if (arg == null || arg.isEmpty()) {
                    throw new ShellError(kind.equals("jsonpath") ? "error: template format specified but no template given"
                            : "error: custom-columns format specified but no custom columns given");
                }
                if (kind.equals("jsonpath")) {
                    JsonPath.parse(arg);
                }
                yield new Output(kind, arg);
            }
            default -> throw unmatched(flag);
        };
    }

    /** {@code jsonpath='{...}'}: a shell strips quotes inside a word too; the line reader only strips them around one. */
    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '\'' || s.charAt(0) == '"') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static ShellError unmatched(String flag) {
        return new ShellError("error: unable to match a printer suitable for the output format \"" + flag + "\", allowed formats are: " + ALLOWED);
    }

    boolean table() {
        return kind.equals("table") || kind.equals("wide");
    }

    /** The List kubectl wraps several objects in. */
    static ObjectNode list(List<HasMetadata> items) {
        ObjectNode list = JsonNodeFactory.instance.objectNode();
        list.put("apiVersion", "v1");
        var arr = list.putArray("items");
        items.forEach(i -> arr.add(GoJson.tree(clean(i))));
        list.put("kind", "List");
        list.putObject("metadata").put("resourceVersion", "");
        return list;
    }

    /** What kubectl shows: without managed fields (it hides them unless asked). */
    static HasMetadata clean(HasMetadata o) {
        HasMetadata copy = dev.netpollab.scenario.KubeYaml.serialization().clone(o);
        copy.getMetadata().setManagedFields(null);
        return copy;
    }

    /**
     * Prints objects in a non-table format.
     *
     * @param single one object was asked for by name, so it is printed alone rather than in a List
     */
    List<String> print(List<HasMetadata> items, boolean single, java.util.function.Function<HasMetadata, String> nameOf) {
        JsonNode root = single && items.size() == 1 ? GoJson.tree(clean(items.get(0))) : list(items);
        return switch (kind) {
            case "json" -> List.of(GoJson.indent(root).stripTrailing());
            case "yaml" -> List.of(GoYaml.of(root).stripTrailing());
            case "name" -> items.stream().map(nameOf).toList();
            case "jsonpath" -> {
                String text = JsonPath.parse(argument).execute(root);
                yield text.isEmpty() ? List.of() : List.of(text);
            }
            case "custom-columns" -> customColumns(items);
            default -> throw new IllegalStateException(kind);
        };
    }

    private List<String> customColumns(List<HasMetadata> items) {
        List<String> headers = new ArrayList<>();
        List<JsonPath> paths = new ArrayList<>();
        for (String col : argument.split(",")) {
            int colon = col.indexOf(':');
            if (colon <= 0) {
                throw new ShellError("error: unexpected custom-columns spec: " + col + ", expected <header>:<json-path-expr>");
            }
            headers.add(col.substring(0, colon));
            paths.add(JsonPath.relaxed(col.substring(colon + 1)));
        }
        TextTable t = new TextTable(headers.toArray(String[]::new));
        for (HasMetadata o : items) {
            JsonNode tree = GoJson.tree(clean(o));
            List<Object> row = new ArrayList<>();
            for (JsonPath p : paths) {
                List<JsonNode> values = p.values(tree);
                row.add(values.isEmpty() ? "<none>" : String.join(",", values.stream().map(Output::goValue).toList()));
            }
            t.row(row.toArray());
        }
        return t.lines();
    }

    /** Go's {@code %v} of a decoded JSON value: {@code map[k:v]}, {@code [a b]}, strings raw. */
    static String goValue(JsonNode v) {
        if (v.isObject()) {
            List<String> parts = new ArrayList<>();
            v.propertyNames().stream().sorted().forEach(k -> parts.add(k + ":" + goValue(v.get(k))));
            return "map[" + String.join(" ", parts) + "]";
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(e -> parts.add(goValue(e)));
            return "[" + String.join(" ", parts) + "]";
        }
        return v.isNull() ? "<nil>" : JsonPath.text(v);
    }
}
