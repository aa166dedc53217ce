package dev.netpollab.scenario;

import dev.netpollab.policy.Protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What exists before the learner starts. Every world also holds {@code kube-system/coredns}
 * (labels {@code k8s-app: kube-dns}) serving what a real CoreDNS does — DNS on 53/UDP and 53/TCP and its
 * Prometheus metrics on 9153/TCP — so DNS can be blocked, and a "DNS only" rule can be told from one
 * that opens every port of the DNS pods.
 */
public record World(List<WorldNamespace> namespaces, List<WorldPod> pods, List<WorldService> services,
                    List<WorldExternal> externals) {
    public static final String DNS_NAMESPACE = "kube-system";
    public static final String DNS_POD = "coredns";
    public static final Map<String, String> DNS_LABELS = Map.of("k8s-app", "kube-dns");
    /**
     * The Service every cluster has in front of its API server. It has no selector: its EndpointSlice names the API
     * server's address and port 6443. A world may probe it as {@code svc:default/kubernetes} on 443/TCP when it declares
     * the API server as the external {@link #API_SERVER_EXTERNAL}, which serves {@link #API_SERVER_PORT}.
     */
    public static final String API_SERVICE_ID = "default/kubernetes";
    public static final int API_SERVICE_PORT = 443;
    public static final String API_SERVER_EXTERNAL = "apiserver";
    public static final int API_SERVER_PORT = 6443;

    public World {
        namespaces = List.copyOf(namespaces);
        pods = List.copyOf(pods);
        services = List.copyOf(services);
        externals = List.copyOf(externals);
    }

    /** The world with kube-system and its coredns pod added, unless the author declared them. */
    public World withImplicitDns() {
        List<WorldNamespace> ns = new ArrayList<>(namespaces);
        if (namespace(DNS_NAMESPACE).isEmpty()) {
            ns.add(new WorldNamespace(DNS_NAMESPACE, Map.of()));
        }
        List<WorldPod> ps = new ArrayList<>(pods);
        if (pod(DNS_NAMESPACE + "/" + DNS_POD).isEmpty()) {
            ps.add(new WorldPod(DNS_NAMESPACE, DNS_POD, DNS_LABELS,
                    List.of(new WorldPort(53, "dns", Protocol.UDP), new WorldPort(53, "dns-tcp", Protocol.TCP),
                            new WorldPort(9153, "metrics", Protocol.TCP))));
        }
        return new World(ns, ps, services, externals);
    }

    public static boolean isImplicitDns(WorldPod p) {
        return p.namespace().equals(DNS_NAMESPACE) && p.name().equals(DNS_POD);
    }

    /**
     * Whether a probe from this pod would reach the pod itself: its own IP, or a Service that selects it
     * (hairpin traffic, which CNIs handle differently). Loopback never meets NetworkPolicy, so such a probe
     * proves nothing.
     */
    public boolean reachesItself(String podId, Target to) {
        if (to instanceof Target.Pod t) {
            return t.id().equals(podId);
        }
        if (to instanceof Target.Service t) {
            Optional<WorldPod> pod = pod(podId);
            return pod.isPresent() && service(t.id()).map(svc -> svc.namespace().equals(pod.get().namespace())
                    && pod.get().labels().entrySet().containsAll(svc.selector().entrySet())).orElse(false);
        }
        return false;
    }

    public Optional<WorldNamespace> namespace(String name) {
        return namespaces.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public Optional<WorldPod> pod(String id) {
        return pods.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public Optional<WorldService> service(String id) {
        return services.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<WorldExternal> external(String name) {
        return externals.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    public List<WorldPod> podsIn(String namespace) {
        return pods.stream().filter(p -> p.namespace().equals(namespace)).toList();
    }

    /** The namespaces the scenario owns (everything declared except kube-system). */
    public List<String> scenarioNamespaces() {
        return namespaces.stream().map(WorldNamespace::name).filter(n -> !n.equals(DNS_NAMESPACE)).toList();
    }
}
