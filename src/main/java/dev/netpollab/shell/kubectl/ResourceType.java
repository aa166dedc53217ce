package dev.netpollab.shell.kubectl;

import dev.netpollab.shell.ShellError;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The resource types the built-in kubectl knows, with kubectl's names, short names and the words of its messages. */
public enum ResourceType {
    NAMESPACE("Namespace", "", "namespaces", false, "ns", "namespace", "namespaces"),
    POD("Pod", "", "pods", true, "po", "pod", "pods"),
    SERVICE("Service", "", "services", true, "svc", "service", "services"),
    ENDPOINTS("Endpoints", "", "endpoints", true, "ep", "endpoints"),
    ENDPOINTSLICE("EndpointSlice", "discovery.k8s.io", "endpointslices", true, "endpointslice", "endpointslices",
            "endpointslice.discovery.k8s.io", "endpointslices.discovery.k8s.io"),
    NETWORKPOLICY("NetworkPolicy", "networking.k8s.io", "networkpolicies", true, "netpol", "networkpolicy", "networkpolicies",
            "networkpolicy.networking.k8s.io", "networkpolicies.networking.k8s.io");

    /**
     * Kinds every cluster serves that the labs never hold: kubectl lists none of them ("No resources found"), so the
     * built-in answers the same instead of calling them unknown.
     */
    static final Set<String> EMPTY_KINDS = Set.of("deployments", "deployment", "deploy", "replicasets", "replicaset", "rs", "daemonsets",
            "daemonset", "ds", "statefulsets", "statefulset", "sts", "jobs", "job", "cronjobs", "cronjob", "cj", "configmaps", "configmap", "cm",
            "secrets", "secret", "ingresses", "ingress", "ing", "persistentvolumeclaims", "pvc", "replicationcontrollers", "rc");

    private final String kind;
    private final String group;
    private final String resource;
    private final boolean namespaced;
    private final List<String> names;

    ResourceType(String kind, String group, String resource, boolean namespaced, String... names) {
        this.kind = kind;
        this.group = group;
        this.resource = resource;
        this.namespaced = namespaced;
        this.names = List.of(names);
    }

    public boolean namespaced() {
        return namespaced;
    }

    public String kind() {
        return kind;
    }

    /** {@code networkpolicies.networking.k8s.io}, {@code pods}: as in kubectl's NotFound messages. */
    public String plural() {
        return group.isEmpty() ? resource : resource + "." + group;
    }

    /** {@code networkpolicy.networking.k8s.io}, {@code pod}: as in {@code -o name} and kubectl's "created" lines. */
    public String singular() {
        String one = this == ENDPOINTS ? "endpoints" : kind.toLowerCase(Locale.ROOT);
        return group.isEmpty() ? one : one + "." + group;
    }

    public static ResourceType parse(String word) {
        return find(word).orElseThrow(() -> new ShellError("error: the server doesn't have a resource type \"" + word + "\""));
    }

    public static Optional<ResourceType> find(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (ResourceType t : values()) {
            if (t.names.contains(w)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    public static List<String> allNames() {
        return List.of("ns", "namespaces", "pods", "po", "svc", "services", "endpoints", "ep", "endpointslices", "netpol", "networkpolicies");
    }

    public List<? extends HasMetadata> list(KubernetesClient c, String namespace) {
        return switch (this) {
            case NAMESPACE -> c.namespaces().list().getItems();
            case POD -> namespace == null ? c.pods().inAnyNamespace().list().getItems() : c.pods().inNamespace(namespace).list().getItems();
            case SERVICE -> namespace == null ? c.services().inAnyNamespace().list().getItems() : c.services().inNamespace(namespace).list().getItems();
            case ENDPOINTS -> namespace == null ? c.endpoints().inAnyNamespace().list().getItems()
                    : c.endpoints().inNamespace(namespace).list().getItems();
            case ENDPOINTSLICE -> namespace == null ? c.discovery().v1().endpointSlices().inAnyNamespace().list().getItems()
                    : c.discovery().v1().endpointSlices().inNamespace(namespace).list().getItems();
            case NETWORKPOLICY -> namespace == null ? c.network().networkPolicies().inAnyNamespace().list().getItems()
                    : c.network().networkPolicies().inNamespace(namespace).list().getItems();
        };
    }

    public HasMetadata get(KubernetesClient c, String namespace, String name) {
        return switch (this) {
            case NAMESPACE -> c.namespaces().withName(name).get();
            case POD -> c.pods().inNamespace(namespace).withName(name).get();
            case SERVICE -> c.services().inNamespace(namespace).withName(name).get();
            case ENDPOINTS -> c.endpoints().inNamespace(namespace).withName(name).get();
            case ENDPOINTSLICE -> c.discovery().v1().endpointSlices().inNamespace(namespace).withName(name).get();
            case NETWORKPOLICY -> c.network().networkPolicies().inNamespace(namespace).withName(name).get();
        };
    }

    /** kubectl's NotFound error text. */
    public ShellError notFound(String name) {
        return new ShellError(notFoundText(name));
    }

    public String notFoundText(String name) {
        return "Error from server (NotFound): " + plural() + " \"" + name + "\" not found";
    }
}
