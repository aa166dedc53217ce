package dev.netpollab.lab;

import dev.netpollab.scenario.Scenario;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.util.ArrayList;
import java.util.List;

/**
 * A scenario's world as a snapshot without any API server: for {@code validate} and {@code check}, which
 * grade policy files on the engine alone. Objects are exactly those a lab would create, with IPs and
 * Ready status filled in the way the embedded API server does, plus the {@code default/kubernetes} Service and its
 * EndpointSlice that every cluster has.
 */
public final class OfflineCluster {
    private OfflineCluster() {
    }

    public static ClusterSnapshot snapshot(Scenario scenario, List<NetworkPolicy> policies) {
        WorldManifests.Objects objs = WorldManifests.of(scenario.id(), scenario.world(), true);
        PodIps ips = new PodIps();
        List<Pod> pods = new ArrayList<>();
        for (Pod p : objs.pods()) {
            pods.add(ApiServerFacts.running(p, ips.next()));
        }
        List<Namespace> ns = objs.namespaces().stream().map(ApiServerFacts::withNameLabel).toList();
        // Every cluster's default/kubernetes Service, leading where the world puts its API server (see StandardCluster).
        List<Service> services = new ArrayList<>(objs.services());
        services.add(StandardCluster.kubernetesService());
        return new ClusterSnapshot(ns, pods, services, policies, scenario.world().externals(),
                List.of(StandardCluster.kubernetesEndpointSlice(StandardCluster.apiServerIp(scenario.world()))));
    }
}
