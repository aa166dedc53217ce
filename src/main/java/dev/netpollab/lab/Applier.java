package dev.netpollab.lab;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code kubectl apply} for a list of objects: create what is missing, replace what differs, leave the
 * rest. Server-side apply would be the natural call, but the embedded API server does not speak it, so
 * every lab uses this one path.
 */
public final class Applier {
    private Applier() {
    }

    public enum Action { CREATED, CONFIGURED, UNCHANGED }

    public record Result(HasMetadata object, Action action) {
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
        HasMetadata existing = client.resource(o).get();
        if (existing == null) {
            o.getMetadata().setResourceVersion(null);
            return new Result(client.resource(o).create(), Action.CREATED);
        }
        if (sameContent(existing, o)) {
            return new Result(existing, Action.UNCHANGED);
        }
        o.getMetadata().setResourceVersion(existing.getMetadata().getResourceVersion());
        try {
            return new Result(client.resource(o).update(), Action.CONFIGURED);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                // Someone changed it in between: apply means "make it so", so retry on the fresh version.
                HasMetadata fresh = client.resource(o).get();
                o.getMetadata().setResourceVersion(fresh.getMetadata().getResourceVersion());
                return new Result(client.resource(o).update(), Action.CONFIGURED);
            }
            throw e;
        }
    }

    /** Compares what a user declares: labels, annotations, and everything but metadata and status. */
    static boolean sameContent(HasMetadata existing, HasMetadata wanted) {
        var ser = dev.netpollab.scenario.KubeYaml.serialization();
        if (wanted instanceof io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy np) {
            // The stored object went through the API server's defaulting; compare like with like.
            wanted = ser.clone(np);
            dev.netpollab.policy.PolicyDefaults.apply((io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy) wanted);
        }
        tools.jackson.databind.JsonNode a = ser.convertValue(existing, tools.jackson.databind.JsonNode.class);
        tools.jackson.databind.JsonNode b = ser.convertValue(wanted, tools.jackson.databind.JsonNode.class);
        if (!(a instanceof tools.jackson.databind.node.ObjectNode ao) || !(b instanceof tools.jackson.databind.node.ObjectNode bo)) {
            return false;
        }
        ao.remove(List.of("metadata", "status"));
        bo.remove(List.of("metadata", "status"));
        return ao.equals(bo)
                && Objects.equals(nullToEmpty(existing.getMetadata().getLabels()), nullToEmpty(wanted.getMetadata().getLabels()));
    }

    private static java.util.Map<String, String> nullToEmpty(java.util.Map<String, String> m) {
        return m == null ? java.util.Map.of() : m;
    }
}
