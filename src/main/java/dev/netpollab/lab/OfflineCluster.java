package dev.netpollab.lab;

import dev.netpollab.scenario.Scenario;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.util.ArrayList;
import java.util.List;

/**
 * A scenario's world as a snapshot without any API server: for {@code validate} and {@code check}, which
 * grade policy files on the engine alone. Objects are exactly those a lab would create, with IPs and
 * Ready status filled in the way the embedded API server does.
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
        return new ClusterSnapshot(ns, pods, objs.services(), policies, scenario.world().externals());
    }
}
