package dev.netpollab.scenario;

import dev.netpollab.policy.Suggest;
import dev.netpollab.policy.FieldError;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads typed fields from a located YAML document, collecting every problem with its line and path. */
final class FieldReader {
    final String file;
    final LocatedYaml.Document doc;
    final List<YamlProblem> problems;
    String object;

    FieldReader(String file, LocatedYaml.Document doc, String object, List<YamlProblem> problems) {
        this.file = file;
        this.doc = doc;
        this.object = object;
        this.problems = problems;
    }

    void error(String path, String message) {
        int[] loc = doc.locate(path);
        problems.add(new YamlProblem(file, loc[0], loc[1], object, path.isEmpty() ? message : path + ": " + message));
    }

    void error(FieldError e) {
        int[] loc = doc.locate(e.path());
        problems.add(new YamlProblem(file, loc[0], loc[1], object, e.toString()));
    }

    static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** The node as a mapping whose keys are all known; unknown keys get a "did you mean". */
    boolean mapping(JsonNode node, String path, Set<String> allowed) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return false;
        }
        if (!node.isObject()) {
            error(path, "must be a mapping");
            return false;
        }
        for (String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                error(join(path, key), "unknown field \"" + key + "\"" + Suggest.hint(key, allowed));
            }
        }
        return true;
    }

    private JsonNode field(JsonNode parent, String path, String name, boolean required) {
        JsonNode n = parent == null ? null : parent.get(name);
        if ((n == null || n.isNull()) && required) {
            error(join(path, name), "Required value");
        }
        return n == null || n.isNull() ? null : n;
    }

    String text(JsonNode parent, String path, String name, boolean required) {
        JsonNode n = field(parent, path, name, required);
        if (n == null) {
            return null;
        }
        if (n.isContainer()) {
            error(join(path, name), "must be text");
            return null;
        }
        // Titles, tasks and hints are printed to a terminal: escape sequences in them must not reach it.
        return Printable.strip(n.asString());
    }

    Integer integer(JsonNode parent, String path, String name, boolean required) {
        JsonNode n = field(parent, path, name, required);
        if (n == null) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            error(join(path, name), "must be a whole number, got " + n);
            return null;
        }
        return n.intValue();
    }

    Boolean bool(JsonNode parent, String path, String name, boolean required) {
        JsonNode n = field(parent, path, name, required);
        if (n == null) {
            return null;
        }
        if (!n.isBoolean()) {
            error(join(path, name), "must be true or false, got " + n);
            return null;
        }
        return n.booleanValue();
    }

    /** A list; a missing one is empty. */
    List<JsonNode> list(JsonNode parent, String path, String name, boolean required) {
        JsonNode n = field(parent, path, name, required);
        if (n == null) {
            return List.of();
        }
        if (!n.isArray()) {
            error(join(path, name), "must be a list");
            return List.of();
        }
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return out;
    }

    List<String> textList(JsonNode parent, String path, String name, boolean required) {
        List<String> out = new ArrayList<>();
        List<JsonNode> items = list(parent, path, name, required);
        for (int i = 0; i < items.size(); i++) {
            JsonNode n = items.get(i);
            if (n.isContainer() || n.isNull()) {
                error(join(path, name) + "[" + i + "]", "must be text");
            } else {
                out.add(Printable.strip(n.asString()));
            }
        }
        return out;
    }

    /** A map of strings, such as labels; like the API server, a number or boolean value must be quoted. */
    Map<String, String> textMap(JsonNode parent, String path, String name) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode n = field(parent, path, name, false);
        if (n == null) {
            return out;
        }
        if (!n.isObject()) {
            error(join(path, name), "must be a mapping of text values");
            return out;
        }
        for (String key : n.propertyNames()) {
            JsonNode v = n.get(key);
            if (!v.isString()) {
                error(join(join(path, name), key), "must be text; quote it (\"" + v.asString() + "\") as Kubernetes requires for label values");
            } else {
                out.put(key, v.asString());
            }
        }
        return out;
    }

    /** A map from keys to lists of text, as in variants. */
    Map<String, List<String>> textListMap(JsonNode parent, String path, String name) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        JsonNode n = field(parent, path, name, false);
        if (n == null) {
            return out;
        }
        if (!n.isObject()) {
            error(join(path, name), "must be a mapping from a name to a list of alternatives");
            return out;
        }
        for (String key : n.propertyNames()) {
            out.put(key, textList(n, join(path, name), key, true));
        }
        return out;
    }
}
