package dev.netpollab.scenario;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads Kubernetes objects from YAML as kubectl does: multi-document streams, {@code kind: List},
 * fabric8's model classes; with every problem located by file, line, object and field.
 */
public final class KubeYaml {
    private static final class Holder {
        /**
         * fabric8's serialization with one change: a boolean or a number is not quietly turned into text. kubectl
         * sends {@code app: y} as the boolean true (YAML 1.1), which the API server refuses for a label; turned into
         * "true" it would select something else than the learner wrote.
         */
        static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization(tools.jackson.databind.json.JsonMapper
                .builderWithJackson2Defaults().addModule(new io.fabric8.kubernetes.model.jackson.Jackson2JdkTypesModule())
                .withCoercionConfig(tools.jackson.databind.type.LogicalType.Textual, c -> c
                        .setCoercion(tools.jackson.databind.cfg.CoercionInputShape.Boolean, tools.jackson.databind.cfg.CoercionAction.Fail)
                        .setCoercion(tools.jackson.databind.cfg.CoercionInputShape.Integer, tools.jackson.databind.cfg.CoercionAction.Fail)
                        .setCoercion(tools.jackson.databind.cfg.CoercionInputShape.Float, tools.jackson.databind.cfg.CoercionAction.Fail))
                .build(), true);
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
        Collector c = new Collector();
        stream(file, onlyKind, where, c.objects::add, c.problems::add);
        return c.result();
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
        Collector c = new Collector();
        stream(file, new StringReader(text), onlyKind, where, c.objects::add, c.problems::add);
        return c.result();
    }

    private static final class Collector {
        final List<KubeObject> objects = new ArrayList<>();
        final List<YamlProblem> problems = new ArrayList<>();

        Result result() {
            return new Result(objects, problems);
        }
    }

    /**
     * Reads a file, a pipe or a device as it streams, handing over each object as soon as it is read; only one
     * document (or one item of a {@code kind: List}) is in memory at a time. Reading stops after
     * {@link InputLimits#MAX_PROBLEMS} problems or {@link InputLimits#MAX_OBJECTS} objects, with a problem that says so.
     */
    public static void stream(Path file, String onlyKind, String where, Consumer<KubeObject> objects, Consumer<YamlProblem> problems) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            problems.accept(new YamlProblem(name, 0, 0, "", "is a directory"));
            return;
        }
        if (!Files.exists(file)) {
            problems.accept(new YamlProblem(name, 0, 0, "", "no such file or directory"));
            return;
        }
        try (Reader in = TextInput.open(file)) {
            stream(name, in, onlyKind, where, objects, problems);
        } catch (IOException e) {
            problems.accept(new YamlProblem(name, 0, 0, "", "cannot read: " + IoMessages.of(e)));
        }
    }

    /** As {@link #stream(Path, String, String, Consumer, Consumer)}, from any reader. */
    public static void stream(String file, Reader in, String onlyKind, String where, Consumer<KubeObject> objects,
                              Consumer<YamlProblem> problems) {
        Streamer s = new Streamer(file, onlyKind, where, objects, problems);
        try {
            LocatedYaml.read(file, in, true, s);
        } catch (InvalidInputException e) {
            e.problems().forEach(s::problem);
        } catch (Streamer.Stop stop) {
            // The reason is already reported.
        }
    }

    /** Turns documents and streamed List items into objects, counting against the limits. */
    private static final class Streamer implements LocatedYaml.Sink {
        static final class Stop extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Stop() {
                super(null, null, false, false);
            }
        }

        private final String file;
        private final String onlyKind;
        private final String where;
        private final Consumer<KubeObject> objects;
        private final Consumer<YamlProblem> problems;
        private final Set<Integer> streamedItems = new HashSet<>();
        private int problemCount;
        private int objectCount;

        Streamer(String file, String onlyKind, String where, Consumer<KubeObject> objects, Consumer<YamlProblem> problems) {
            this.file = file;
            this.onlyKind = onlyKind;
            this.where = where;
            this.objects = objects;
            this.problems = problems;
        }

        void problem(YamlProblem p) {
            problems.accept(p);
            if (++problemCount >= InputLimits.MAX_PROBLEMS) {
                problems.accept(new YamlProblem(file, p.line(), 0, "", "stopped reading after " + InputLimits.MAX_PROBLEMS + " problems"));
                throw new Stop();
            }
        }

        private void object(KubeObject ko) {
            if (++objectCount > InputLimits.MAX_OBJECTS) {
                problems.accept(new YamlProblem(file, ko.line(), 0, "", "more than " + InputLimits.MAX_OBJECTS
                        + " objects: over the limit for one command (" + InputLimits.DESCRIBE + ")"));
                throw new Stop();
            }
            objects.accept(ko);
        }

        @Override
        public void listItem(LocatedYaml.Document item, int index) {
            streamedItems.add(index);
            convert(item, item.root(), "");
        }

        @Override
        public void document(LocatedYaml.Document doc) {
            JsonNode root = doc.root();
            String kind = root.path("kind").asString("");
            JsonNode items = root.get("items");
            boolean list = root.isObject() && kind.endsWith("List");
            if (list && items != null && !items.isNull()) {
                if (!items.isArray()) {
                    int[] at = doc.locate("items");
                    problem(new YamlProblem(file, at[0], at[1], kind, "items: Invalid value: must be a list of objects, not "
                            + (items.isObject() ? "a mapping" : items.isArray() ? "a list" : "a " + items.getNodeType().name().toLowerCase(Locale.ROOT))));
                } else {
                    for (int i = 0; i < items.size(); i++) {
                        if (!streamedItems.contains(i)) {
                            convert(doc, items.get(i), "items[" + i + "]");
                        }
                    }
                }
            } else if (!streamedItems.isEmpty()) {
                int[] at = doc.locate("items");
                problem(new YamlProblem(file, at[0], at[1], "", "items: objects in items are read only from a List, but this document is "
                        + (kind.isEmpty() ? "of no kind" : "kind " + kind)));
            } else {
                convert(doc, root, "");
            }
            streamedItems.clear();
        }

        private void convert(LocatedYaml.Document doc, JsonNode node, String prefix) {
            List<YamlProblem> found = new ArrayList<>();
            List<KubeObject> out = new ArrayList<>();
            KubeYaml.convert(file, doc, node, prefix, onlyKind, where, out, found);
            found.forEach(this::problem);
            out.forEach(this::object);
        }
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
        } catch (RuntimeException e) {
            // fabric8 wraps Jackson's error (e.g. port: 80.5 into an IntOrString) in an IllegalArgumentException.
            JacksonException je = jacksonCause(e);
            String path = je == null ? prefix : jacksonPath(je, prefix);
            int[] loc = doc.locate(path);
            String field = prefix.isEmpty() ? path : path.substring(Math.min(path.length(), prefix.length() + 1));
            JsonNode value = at(node, field);
            problems.add(new YamlProblem(file, loc[0], loc[1], label, (field.isEmpty() ? "" : field + ": ") + "Invalid value: "
                    + decodeReason(je, value)));
            return;
        }
        if (!(resource instanceof HasMetadata object)) {
            problems.add(new YamlProblem(file, at[0], at[1], label, "not a Kubernetes object with metadata"));
            return;
        }
        if ("NetworkPolicy".equals(onlyKind) && !(object instanceof io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy)) {
            // kind: NetworkPolicy of another API group or version (extensions/v1beta1): not what the API server serves.
            int[] v = doc.locate(prefix.isEmpty() ? "apiVersion" : prefix + ".apiVersion");
            problems.add(new YamlProblem(file, v[0], v[1], label, "apiVersion: Unsupported value: \"" + object.getApiVersion()
                    + "\": NetworkPolicy objects are networking.k8s.io/v1"));
            return;
        }
        if (object instanceof io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy np) {
            dev.netpollab.policy.PolicyDefaults.decoded(np);
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

    private static JacksonException jacksonCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JacksonException je) {
                return je;
            }
        }
        return null;
    }

    /** The node at a field path such as {@code spec.ingress[0].ports[0].port}, or null. */
    private static JsonNode at(JsonNode node, String path) {
        JsonNode cur = node;
        for (String part : path.split("\\.")) {
            if (cur == null || part.isEmpty()) {
                break;
            }
            int bracket = part.indexOf('[');
            cur = cur.get(bracket < 0 ? part : part.substring(0, bracket));
            while (cur != null && bracket >= 0) {
                int close = part.indexOf(']', bracket);
                try {
                    cur = cur.get(Integer.parseInt(part.substring(bracket + 1, close)));
                } catch (RuntimeException e) {
                    return null;
                }
                bracket = part.indexOf('[', close);
            }
        }
        return cur;
    }

    /** Why a value could not be decoded, in the API server's terms where the value is a number out of place. */
    private static String decodeReason(JacksonException e, JsonNode value) {
        if (value != null && (value.isBoolean() || value.isNumber()) && e != null && String.valueOf(e.getOriginalMessage()).contains("java.lang.String")) {
            return value + ": must be text; quote it, as kubectl reads an unquoted y, yes or on as true, n, no or off as false, "
                    + "and digits as a number";
        }
        if (value != null && value.isNumber() && !(value.isIntegralNumber() && value.canConvertToInt())) {
            boolean name = e != null && String.valueOf(e.getOriginalMessage()).contains("IntOrString");
            return value + ": must be a whole number that fits in 32 bits" + (name ? ", or a port name" : "");
        }
        if (e == null) {
            return "cannot be decoded";
        }
        String m = e.getOriginalMessage();
        if (m == null) {
            return "cannot be decoded";
        }
        int nl = m.indexOf('\n');
        m = nl < 0 ? m : m.substring(0, nl);
        return m.replace("`", "");
    }
}
