package dev.netpollab.shell.kubectl;

import dev.netpollab.shell.ShellError;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Locale;

/** The resource types the built-in kubectl knows, with kubectl's names and short names. */
public enum ResourceType {
    NAMESPACE("namespaces", false, "ns", "namespace", "namespaces"),
    POD("pods", true, "po", "pod", "pods"),
    SERVICE("services", true, "svc", "service", "services"),
    NETWORKPOLICY("networkpolicies.networking.k8s.io", true, "netpol", "networkpolicy", "networkpolicies",
            "networkpolicy.networking.k8s.io", "networkpolicies.networking.k8s.io");

    private final String plural;
    private final boolean namespaced;
    private final List<String> names;

    ResourceType(String plural, boolean namespaced, String... names) {
        this.plural = plural;
        this.namespaced = namespaced;
        this.names = List.of(names);
    }

    public boolean namespaced() {
        return namespaced;
    }

    /** {@code networkpolicies.networking.k8s.io}, as in kubectl's NotFound messages. */
    public String plural() {
        return plural;
    }

    /** {@code networkpolicy.networking.k8s.io}, as in kubectl's "created" lines. */
    public String singular() {
        return switch (this) {
            case NAMESPACE -> "namespace";
            case POD -> "pod";
            case SERVICE -> "service";
            case NETWORKPOLICY -> "networkpolicy.networking.k8s.io";
        };
    }

    public static ResourceType parse(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (ResourceType t : values()) {
            if (t.names.contains(w)) {
                return t;
            }
        }
        throw new ShellError("the built-in kubectl knows ns, pods, svc and netpol, not \"" + word + "\"");
    }

    public static List<String> allNames() {
        return List.of("ns", "namespaces", "pods", "po", "svc", "services", "netpol", "networkpolicies");
    }

    public List<? extends HasMetadata> list(KubernetesClient c, String namespace) {
        return switch (this) {
            case NAMESPACE -> c.namespaces().list().getItems();
            case POD -> namespace == null ? c.pods().inAnyNamespace().list().getItems() : c.pods().inNamespace(namespace).list().getItems();
            case SERVICE -> namespace == null ? c.services().inAnyNamespace().list().getItems() : c.services().inNamespace(namespace).list().getItems();
            case NETWORKPOLICY -> namespace == null ? c.network().networkPolicies().inAnyNamespace().list().getItems()
                    : c.network().networkPolicies().inNamespace(namespace).list().getItems();
        };
    }

    public HasMetadata get(KubernetesClient c, String namespace, String name) {
        return switch (this) {
            case NAMESPACE -> c.namespaces().withName(name).get();
            case POD -> c.pods().inNamespace(namespace).withName(name).get();
            case SERVICE -> c.services().inNamespace(namespace).withName(name).get();
            case NETWORKPOLICY -> c.network().networkPolicies().inNamespace(namespace).withName(name).get();
        };
    }

    /** kubectl's NotFound error text. */
    public ShellError notFound(String name) {
        return new ShellError("Error from server (NotFound): " + plural + " \"" + name + "\" not found");
    }
}
