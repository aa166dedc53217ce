package dev.netpollab.scenario;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Kubernetes objects from YAML as kubectl does: multi-document streams, {@code kind: List},
 * fabric8's model classes; with every problem located by file, line, object and field.
 */
public final class KubeYaml {
    private static final class Holder {
        static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    }

    private KubeYaml() {
    }

    private static final tools.jackson.dataformat.yaml.YAMLMapper YAML_OUT = tools.jackson.dataformat.yaml.YAMLMapper.builder()
            .enable(tools.jackson.dataformat.yaml.YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(tools.jackson.dataformat.yaml.YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(tools.jackson.dataformat.yaml.YAMLWriteFeature.LITERAL_BLOCK_STYLE)
            .disable(tools.jackson.dataformat.yaml.YAMLWriteFeature.WRITE_DOC_START_MARKER).build();

    /** YAML as kubectl prints it: no document marker, quotes only where YAML needs them. */
    public static String toYaml(Object kubernetesObject) {
        JsonNode tree = serialization().convertValue(kubernetesObject, JsonNode.class);
        return YAML_OUT.writeValueAsString(tree);
    }

    /** fabric8's serialization, created once (it is costly to build). */
    public static KubernetesSerialization serialization() {
        return Holder.SERIALIZATION;
    }

    /**
     * An object read from a file.
     *
     * @param prefix path of the object inside its document ("" or e.g. {@code items[2]} in a List)
     */
    public record KubeObject(HasMetadata object, String file, LocatedYaml.Document document, String prefix) {
        public int line() {
            return document.locate(prefix)[0];
        }

        /** {line, column} of a field of this object, e.g. {@code spec.ingress[0].from[0]}. */
        public int[] locate(String fieldPath) {
            String p = prefix.isEmpty() ? fieldPath : fieldPath.isEmpty() ? prefix : prefix + "." + fieldPath;
            return document.locate(p);
        }

        public String describe() {
            return KubeYaml.describe(object);
        }

        public YamlProblem problem(String fieldPath, String message) {
            int[] loc = locate(fieldPath);
            return new YamlProblem(file, loc[0], loc[1], describe(), message);
        }
    }

    /** {@code NetworkPolicy shop/db-ingress}; the namespace is omitted when not set. */
    public static String describe(HasMetadata o) {
        String ns = o.getMetadata() == null ? null : o.getMetadata().getNamespace();
        String name = o.getMetadata() == null ? null : o.getMetadata().getName();
        return o.getKind() + " " + (ns == null ? "" : ns + "/") + (name == null ? "<no name>" : name);
    }

    public static Result readAll(Path file) {
        return readAll(file, null, null);
    }

    public static Result readAll(Path file, String onlyKind, String where) {
        try {
            return readAll(file.toString(), Files.readString(file, StandardCharsets.UTF_8), onlyKind, where);
        } catch (IOException e) {
            return new Result(List.of(), List.of(new YamlProblem(file.toString(), 0, 0, "", "cannot read: " + e.getMessage())));
        }
    }

    /** Objects that could be read, and the problems of those that could not. */
    public record Result(List<KubeObject> objects, List<YamlProblem> problems) {
    }

    /** Reads every object; fails with all problems of all documents. */
    public static List<KubeObject> read(String file, String text) throws InvalidInputException {
        Result r = readAll(file, text);
        if (!r.problems().isEmpty()) {
            throw new InvalidInputException(r.problems());
        }
        return r.objects();
    }

    /** Reads what can be read and reports the rest, so a caller can go on checking the good objects. */
    public static Result readAll(String file, String text) {
        return readAll(file, text, null, null);
    }

    /**
     * As {@link #readAll(String, String)}, but objects of other kinds are reported, not converted.
     *
     * @param onlyKind the one kind allowed, e.g. NetworkPolicy; null for any
     * @param where    where such objects belong, for the message ("solution", "check")
     */
    public static Result readAll(String file, String text, String onlyKind, String where) {
        List<KubeObject> out = new ArrayList<>();
        List<YamlProblem> problems = new ArrayList<>();
        List<LocatedYaml.Document> docs;
        try {
            docs = LocatedYaml.parse(file, text);
        } catch (InvalidInputException e) {
            return new Result(List.of(), e.problems());
        }
        // Documents are independent; converting them is most of the cost of a large stream, so use every core.
        List<Result> perDoc = (docs.size() > 64 ? docs.parallelStream() : docs.stream()).map(doc -> {
            List<KubeObject> o = new ArrayList<>();
            List<YamlProblem> p = new ArrayList<>();
            JsonNode root = doc.root();
            String kind = root.path("kind").asString("");
            if (kind.endsWith("List") && root.path("items").isArray()) {
                JsonNode items = root.path("items");
                for (int i = 0; i < items.size(); i++) {
                    convert(file, doc, items.get(i), "items[" + i + "]", onlyKind, where, o, p);
                }
            } else {
                convert(file, doc, root, "", onlyKind, where, o, p);
            }
            return new Result(o, p);
        }).toList();
        perDoc.forEach(r -> {
            out.addAll(r.objects());
            problems.addAll(r.problems());
        });
        return new Result(out, problems);
    }

    private static void convert(String file, LocatedYaml.Document doc, JsonNode node, String prefix, String onlyKind,
                                String where, List<KubeObject> out, List<YamlProblem> problems) {
        int[] at = doc.locate(prefix);
        if (!node.isObject()) {
            problems.add(new YamlProblem(file, at[0], at[1], "", "expected a Kubernetes object (a mapping with apiVersion and kind)"));
            return;
        }
        List<String> missing = new ArrayList<>();
        if (node.path("apiVersion").asString("").isEmpty()) {
            missing.add("apiVersion not set");
        }
        if (node.path("kind").asString("").isEmpty()) {
            missing.add("kind not set");
        }
        if (!missing.isEmpty()) {
            problems.add(new YamlProblem(file, at[0], at[1], "", "error validating data: " + missing));
            return;
        }
        String kind = node.path("kind").asString();
        String ns = node.path("metadata").path("namespace").asString("");
        String label = kind + " " + (ns.isEmpty() ? "" : ns + "/") + node.path("metadata").path("name").asString("<no name>");
        if (onlyKind != null && !onlyKind.equals(kind)) {
            int[] k = doc.locate(prefix.isEmpty() ? "kind" : prefix + ".kind");
            problems.add(new YamlProblem(file, k[0], k[1], label, "only " + onlyKind + " objects belong in " + where + ", not " + kind));
            return;
        }
        KubernetesResource resource;
        try {
            resource = serialization().convertValue(node, KubernetesResource.class);
        } catch (JacksonException e) {
            String path = jacksonPath(e, prefix);
            int[] loc = doc.locate(path);
            String field = prefix.isEmpty() ? path : path.substring(Math.min(path.length(), prefix.length() + 1));
            problems.add(new YamlProblem(file, loc[0], loc[1], label, field + ": Invalid value: " + decodeReason(e)));
            return;
        }
        if (!(resource instanceof HasMetadata object)) {
            problems.add(new YamlProblem(file, at[0], at[1], label, "not a Kubernetes object with metadata"));
            return;
        }
        KubeObject ko = new KubeObject(object, file, doc, prefix);
        List<String> unknown = UnknownFields.find(object);
        for (String u : unknown) {
            problems.add(ko.problem(u, "strict decoding error: unknown field \"" + u + "\""));
        }
        if (unknown.isEmpty()) {
            out.add(ko);
        }
    }

    private static String jacksonPath(JacksonException e, String prefix) {
        StringBuilder p = new StringBuilder(prefix);
        for (JacksonException.Reference r : e.getPath()) {
            if (r.getPropertyName() != null) {
                if (!p.isEmpty()) {
                    p.append('.');
                }
                p.append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                p.append('[').append(r.getIndex()).append(']');
            }
        }
        return p.toString();
    }

    private static String decodeReason(JacksonException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            return "cannot be decoded";
        }
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        return m.replace("`", "");
    }
}
