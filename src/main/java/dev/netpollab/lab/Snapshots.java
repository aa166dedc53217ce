package dev.netpollab.lab;

import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.World;
import dev.netpollab.scenario.WorldNamespace;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a scenario's part of a cluster back through the API, as the grader sees it. */
public final class Snapshots {
    private Snapshots() {
    }

    /**
     * The scenario's namespaces with their pods, services and policies, plus the DNS pods of kube-system,
     * plus policies in {@code default} (the usual target of a forgotten {@code -n}) so they can be reported, plus the
     * {@code default/kubernetes} Service with its EndpointSlices.
     */
    public static ClusterSnapshot read(KubernetesClient client, Scenario scenario) {
        Set<String> names = new LinkedHashSet<>();
        scenario.world().namespaces().stream().map(WorldNamespace::name).forEach(names::add);
        List<Namespace> namespaces = new ArrayList<>();
        List<Pod> pods = new ArrayList<>();
        List<Service> services = new ArrayList<>();
        List<NetworkPolicy> policies = new ArrayList<>();
        for (String ns : names) {
            Namespace n = client.namespaces().withName(ns).get();
            if (n == null) {
                continue;
            }
            namespaces.add(n);
            if (ns.equals(World.DNS_NAMESPACE)) {
                List<Pod> system = client.pods().inNamespace(ns).list().getItems();
                pods.addAll(dnsPods(system.stream().filter(Snapshots::dns).toList()));
                // A pod created by hand in kube-system (no controller owns it) is part of what worldImmutable checks.
                pods.addAll(system.stream().filter(p -> !dns(p) && (p.getMetadata().getOwnerReferences() == null
                        || p.getMetadata().getOwnerReferences().isEmpty())).toList());
            } else {
                pods.addAll(client.pods().inNamespace(ns).list().getItems());
                services.addAll(client.services().inNamespace(ns).list().getItems());
            }
            policies.addAll(client.network().networkPolicies().inNamespace(ns).list().getItems());
        }
        if (!names.contains("default")) {
            policies.addAll(client.network().networkPolicies().inNamespace("default").list().getItems());
        }
        return new ClusterSnapshot(namespaces, pods, services, policies, scenario.world().externals(), apiService(client, services));
    }

    /**
     * The {@code default/kubernetes} Service (added to {@code services} when the world does not own namespace default) and its
     * EndpointSlices: the only record of where it leads, since it has no selector. Nothing when they cannot be read (a
     * kubeconfig that may not read namespace default): probes to it then fail as unresolvable, and say so.
     */
    private static List<EndpointSlice> apiService(KubernetesClient client, List<Service> services) {
        try {
            if (services.stream().noneMatch(s -> isApiService(s.getMetadata().getNamespace(), s.getMetadata().getName()))) {
                Service api = client.services().inNamespace(StandardCluster.DEFAULT).withName(StandardCluster.API_SERVICE).get();
                if (api == null) {
                    return List.of();
                }
                services.add(api);
            }
            return client.discovery().v1().endpointSlices().inNamespace(StandardCluster.DEFAULT)
                    .withLabel(StandardCluster.SERVICE_NAME_LABEL, StandardCluster.API_SERVICE).list().getItems();
        } catch (KubernetesClientException e) {
            return List.of();
        }
    }

    private static boolean isApiService(String namespace, String name) {
        return StandardCluster.DEFAULT.equals(namespace) && StandardCluster.API_SERVICE.equals(name);
    }

    private static boolean dns(Pod p) {
        Map<String, String> labels = p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels();
        return labels.entrySet().containsAll(World.DNS_LABELS.entrySet());
    }

    /** Annotation on a DNS pod stand-in: the real pod it stands for. */
    public static final String ALIAS_OF = "netpol-lab.dev/alias-of";

    /**
     * Scenarios name the cluster DNS {@code kube-system/coredns}. A real cluster's CoreDNS pod has a
     * generated name, so the first ready one is also presented under that name (same labels and IP).
     */
    static List<Pod> dnsPods(List<Pod> found) {
        List<Pod> out = new ArrayList<>(found);
        boolean named = found.stream().anyMatch(p -> p.getMetadata().getName().equals(World.DNS_POD));
        if (!named) {
            found.stream().filter(ClusterSnapshot::ready).findFirst().ifPresent(real -> out.add(
                    new io.fabric8.kubernetes.api.model.PodBuilder(real).editMetadata().withName(World.DNS_POD)
                            .addToAnnotations(ALIAS_OF, real.getMetadata().getName()).endMetadata().build()));
        }
        return out;
    }
}
