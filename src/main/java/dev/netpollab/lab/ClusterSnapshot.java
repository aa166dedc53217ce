package dev.netpollab.lab;

import dev.netpollab.policy.ExternalInfo;
import dev.netpollab.policy.NamespaceInfo;
import dev.netpollab.policy.PodInfo;
import dev.netpollab.policy.Topology;
import dev.netpollab.scenario.WorldExternal;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The objects of a lab as read back from its Kubernetes API: the single source of truth for grading.
 * {@code externals} come from the scenario (they are outside the cluster). {@code endpointSlices} are those of
 * Services without a selector ({@code default/kubernetes}): nothing but their slices says where they lead.
 */
public record ClusterSnapshot(List<Namespace> namespaces, List<Pod> pods, List<Service> services,
                              List<NetworkPolicy> policies, List<WorldExternal> externals, List<EndpointSlice> endpointSlices) {
    public ClusterSnapshot {
        namespaces = List.copyOf(namespaces);
        pods = List.copyOf(pods);
        services = List.copyOf(services);
        policies = List.copyOf(policies);
        externals = List.copyOf(externals);
        endpointSlices = List.copyOf(endpointSlices);
    }

    /** A snapshot whose Services all select their pods (no EndpointSlices needed). */
    public ClusterSnapshot(List<Namespace> namespaces, List<Pod> pods, List<Service> services,
                           List<NetworkPolicy> policies, List<WorldExternal> externals) {
        this(namespaces, pods, services, policies, externals, List.of());
    }

    /** The engine's view: namespaces with labels, pods with IPs and ports, externals. */
    public Topology topology() {
        List<NamespaceInfo> ns = namespaces.stream().map(n -> new NamespaceInfo(n.getMetadata().getName(), labels(n.getMetadata().getLabels()))).toList();
        List<PodInfo> ps = pods.stream().map(ClusterSnapshot::podInfo).toList();
        List<ExternalInfo> ext = externals.stream().map(e -> new ExternalInfo(e.name(), e.ip())).toList();
        return new Topology(ns, ps, ext);
    }

    public static PodInfo podInfo(Pod p) {
        String ip = p.getStatus() == null ? null : p.getStatus().getPodIP();
        return PodInfo.of(p.getMetadata().getNamespace(), p.getMetadata().getName(), labels(p.getMetadata().getLabels()), ip, p.getSpec());
    }

    private static Map<String, String> labels(Map<String, String> l) {
        return l == null ? Map.of() : l;
    }

    public Optional<Pod> pod(String namespace, String name) {
        return pods.stream().filter(p -> p.getMetadata().getNamespace().equals(namespace) && p.getMetadata().getName().equals(name)).findFirst();
    }

    public Optional<Service> service(String namespace, String name) {
        return services.stream().filter(s -> s.getMetadata().getNamespace().equals(namespace) && s.getMetadata().getName().equals(name)).findFirst();
    }

    /** The same snapshot with only the policies that pass the filter. */
    public ClusterSnapshot withPolicies(Predicate<NetworkPolicy> keep) {
        return new ClusterSnapshot(namespaces, pods, services, policies.stream().filter(keep).toList(), externals, endpointSlices);
    }

    /** The same snapshot with these policies instead. */
    public ClusterSnapshot replacePolicies(List<NetworkPolicy> newPolicies) {
        return new ClusterSnapshot(namespaces, pods, services, newPolicies, externals, endpointSlices);
    }

    /**
     * The EndpointSlices of a Service: those in its namespace labelled {@code kubernetes.io/service-name} with its name,
     * the label by which kube-proxy ties a slice to its Service.
     */
    public List<EndpointSlice> endpointSlices(Service svc) {
        String ns = svc.getMetadata().getNamespace();
        String name = svc.getMetadata().getName();
        return endpointSlices.stream().filter(es -> ns.equals(es.getMetadata().getNamespace()) && es.getMetadata().getLabels() != null
                && name.equals(es.getMetadata().getLabels().get(StandardCluster.SERVICE_NAME_LABEL))).toList();
    }

    /** A pod is ready when its Ready condition is True (what the kubelet reports after its readiness probe). */
    public static boolean ready(Pod p) {
        return p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
