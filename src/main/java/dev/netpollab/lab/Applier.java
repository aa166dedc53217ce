package dev.netpollab.lab;

import dev.netpollab.policy.PolicyDefaults;
import dev.netpollab.scenario.KubeYaml;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code kubectl apply} for a list of objects, as kubectl's client-side apply does it: a new object is created with
 * the {@code kubectl.kubernetes.io/last-applied-configuration} annotation (the applied JSON); an existing one is
 * changed by a three-way merge of what was last applied, what is applied now and what is live. A field that was in
 * the last-applied configuration and is gone from the new one is removed; a field someone else set (a label added
 * with {@code kubectl label}) stays; lists are replaced whole, except those the API merges by key (a pod's containers
 * by name, a Service's ports by port). Without the annotation nothing can be removed, and kubectl warns. Every lab
 * uses this one path (the embedded API server has no server-side apply).
 */
public final class Applier {
    public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private Applier() {
    }

    public enum Action { CREATED, CONFIGURED, UNCHANGED }

    /** @param warning kubectl's warning for an object that was not created by apply, or null */
    public record Result(HasMetadata object, Action action, String warning) {
        public Result(HasMetadata object, Action action) {
            this(object, action, null);
        }

        /** kubectl's line, e.g. {@code networkpolicy.networking.k8s.io/db-ingress created}. */
        public String line() {
            return KubeNames.resourceName(object) + " " + action.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Applies in order; the first rejection stops and is thrown (KubernetesClientException with the API's Status). */
    public static List<Result> apply(KubernetesClient client, List<? extends HasMetadata> objects) {
        List<Result> out = new ArrayList<>();
        for (HasMetadata o : objects) {
            out.add(applyOne(client, o));
        }
        return out;
    }

    public static Result applyOne(KubernetesClient client, HasMetadata o) {
        HasMetadata wanted = withLastApplied(o);
        HasMetadata existing = client.resource(wanted).get();
        if (existing == null) {
            wanted.getMetadata().setResourceVersion(null);
            return new Result(client.resource(wanted).create(), Action.CREATED);
        }
        try {
            return update(client, existing, wanted);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                // Someone changed it in between: apply means "make it so", so merge again with the fresh object.
                return update(client, client.resource(wanted).get(), wanted);
            }
            throw e;
        }
    }

    private static Result update(KubernetesClient client, HasMetadata existing, HasMetadata wanted) {
        var ser = KubeYaml.serialization();
        String last = existing.getMetadata().getAnnotations() == null ? null : existing.getMetadata().getAnnotations().get(LAST_APPLIED);
        String warning = last != null ? null : "Warning: resource " + plural(existing) + "/" + existing.getMetadata().getName() + " is missing the "
                + LAST_APPLIED + " annotation which is required by kubectl apply. kubectl apply should only be used on resources created "
                + "declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.";
        JsonNode original = last == null ? null : parse(last);
        ObjectNode current = (ObjectNode) ser.convertValue(existing, JsonNode.class);
        ObjectNode modified = (ObjectNode) ser.convertValue(wanted, JsonNode.class);
        JsonNode merged = merge(existing.getKind(), "", current, original, modified);
        @SuppressWarnings("unchecked")
        HasMetadata result = ser.convertValue(merged, (Class<HasMetadata>) existing.getClass());
        if (sameAfterDefaults(existing, result)) {
            return new Result(existing, Action.UNCHANGED, warning);
        }
        result.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
        return new Result(client.resource(result).update(), Action.CONFIGURED, warning);
    }

    /** The object as it will be sent: its annotations plus last-applied, the JSON of the object itself, keys sorted. */
    public static HasMetadata withLastApplied(HasMetadata o) {
        var ser = KubeYaml.serialization();
        HasMetadata copy = ser.clone(o);
        Map<String, String> annotations = new LinkedHashMap<>(copy.getMetadata().getAnnotations() == null ? Map.of() : copy.getMetadata().getAnnotations());
        annotations.remove(LAST_APPLIED);
        copy.getMetadata().setAnnotations(annotations);
        copy.getMetadata().setResourceVersion(null);
        ObjectNode json = (ObjectNode) ser.convertValue(copy, JsonNode.class);
        // kubectl leaves "annotations":{} in the recorded configuration when the object had none of its own.
        ((ObjectNode) json.get("metadata")).set("annotations", sorted(ser.convertValue(annotations, JsonNode.class)));
        annotations.put(LAST_APPLIED, sorted(json).toString() + "\n");
        copy.getMetadata().setAnnotations(annotations);
        return copy;
    }

    private static JsonNode parse(String json) {
        try {
            return KubeYaml.serialization().unmarshal(json, JsonNode.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The three-way merge of one value: live, last applied (may be null) and newly applied. */
    static JsonNode merge(String kind, String path, JsonNode current, JsonNode original, JsonNode modified) {
        if (modified instanceof ObjectNode m && current instanceof ObjectNode c) {
            ObjectNode out = c.deepCopy();
            for (String key : m.propertyNames()) {
                JsonNode o = original instanceof ObjectNode on ? on.get(key) : null;
                out.set(key, c.has(key) ? merge(kind, path + "." + key, c.get(key), o, m.get(key)) : m.get(key).deepCopy());
            }
            if (original instanceof ObjectNode on) {
                for (String key : on.propertyNames()) {
                    if (!m.has(key)) {
                        out.remove(key);
                    }
                }
            }
            return out;
        }
        Optional<String> key = mergeKey(kind, path);
        if (key.isPresent() && modified instanceof ArrayNode m && current instanceof ArrayNode c) {
            return mergeList(kind, path, key.get(), c, original instanceof ArrayNode o ? o : null, m);
        }
        return modified.deepCopy();
    }

    /** A list merged by key: items matched by the key are merged, removed when last-applied had them and the new one does not. */
    private static ArrayNode mergeList(String kind, String path, String key, ArrayNode current, ArrayNode original, ArrayNode modified) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        List<JsonNode> kept = new ArrayList<>();
        for (JsonNode c : current) {
            JsonNode k = c.get(key);
            JsonNode m = find(modified, key, k);
            if (m != null) {
                kept.add(merge(kind, path, c, find(original, key, k), m));
            } else if (find(original, key, k) == null) {
                kept.add(c);
            }
        }
        for (JsonNode m : modified) {
            if (find(current, key, m.get(key)) == null) {
                kept.add(m.deepCopy());
            }
        }
        kept.forEach(out::add);
        return out;
    }

    private static JsonNode find(ArrayNode list, String key, JsonNode value) {
        if (list == null || value == null) {
            return null;
        }
        for (JsonNode n : list) {
            if (value.equals(n.get(key))) {
                return n;
            }
        }
        return null;
    }

    /** The patchMergeKey of the lists the API merges (strategic merge); every other list is replaced whole. */
    static Optional<String> mergeKey(String kind, String path) {
        if ("Pod".equals(kind)) {
            if (path.equals(".spec.containers") || path.equals(".spec.initContainers") || path.endsWith("Containers.env")
                    || path.endsWith("containers.env") || path.equals(".spec.volumes")) {
                return Optional.of("name");
            }
            if (path.endsWith("ontainers.ports")) {
                return Optional.of("containerPort");
            }
            if (path.endsWith("ontainers.volumeMounts")) {
                return Optional.of("mountPath");
            }
        }
        if ("Service".equals(kind) && path.equals(".spec.ports")) {
            return Optional.of("port");
        }
        return Optional.empty();
    }

    /** Whether the merge changes nothing the API server would keep (it defaults a NetworkPolicy's policyTypes and protocols). */
    private static boolean sameAfterDefaults(HasMetadata existing, HasMetadata result) {
        var ser = KubeYaml.serialization();
        HasMetadata r = result;
        if (r instanceof NetworkPolicy np) {
            r = ser.clone(np);
            PolicyDefaults.apply((NetworkPolicy) r);
        }
        JsonNode a = ser.convertValue(existing, JsonNode.class);
        JsonNode b = ser.convertValue(r, JsonNode.class);
        return a.equals(b);
    }

    private static String plural(HasMetadata o) {
        String kind = o.getKind().toLowerCase(java.util.Locale.ROOT);
        return kind.endsWith("y") ? kind.substring(0, kind.length() - 1) + "ies" : kind.endsWith("s") ? kind : kind + "s";
    }

    private static JsonNode sorted(JsonNode n) {
        if (n instanceof ObjectNode o) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            Map<String, JsonNode> fields = new TreeMap<>();
            o.propertyNames().forEach(k -> fields.put(k, o.get(k)));
            fields.forEach((k, v) -> out.set(k, sorted(v)));
            return out;
        }
        if (n instanceof ArrayNode a) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            a.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return n;
    }
}
