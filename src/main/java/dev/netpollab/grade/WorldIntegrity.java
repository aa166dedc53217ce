package dev.netpollab.grade;

import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.lab.WorldManifests;
import dev.netpollab.policy.NamespaceInfo;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.World;
import dev.netpollab.scenario.WorldNamespace;
import dev.netpollab.scenario.WorldPod;
import dev.netpollab.scenario.WorldService;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code worldImmutable}: the namespaces, pods, labels and services must be as the scenario set them up,
 * so that a policy cannot be "fixed" by relabelling or deleting what it should protect.
 */
public final class WorldIntegrity {
    private WorldIntegrity() {
    }

    /** Every difference between the lab and the scenario's world, in words; empty when untouched. */
    public static List<String> differences(Scenario scenario, ClusterSnapshot snapshot) {
        World world = scenario.world();
        List<String> out = new ArrayList<>();
        for (WorldNamespace wn : world.namespaces()) {
            if (wn.name().equals(World.DNS_NAMESPACE)) {
                continue;
            }
            Optional<Namespace> ns = snapshot.namespaces().stream().filter(n -> n.getMetadata().getName().equals(wn.name())).findFirst();
            if (ns.isEmpty()) {
                out.add("namespace " + wn.name() + " was deleted");
                continue;
            }
            Map<String, String> actual = new TreeMap<>(ns.get().getMetadata().getLabels() == null ? Map.of() : ns.get().getMetadata().getLabels());
            actual.remove(NamespaceInfo.NAME_LABEL);
            actual.remove(WorldManifests.MANAGED_BY);
            labelDiff("namespace " + wn.name(), wn.labels(), actual, out);
        }
        for (WorldPod wp : world.pods()) {
            if (World.isImplicitDns(wp)) {
                continue;
            }
            Optional<Pod> pod = snapshot.pod(wp.namespace(), wp.name());
            if (pod.isEmpty()) {
                out.add("pod " + wp.id() + " was deleted");
                continue;
            }
            labelDiff("pod " + wp.id(), wp.labels(), pod.get().getMetadata().getLabels() == null ? Map.of() : pod.get().getMetadata().getLabels(), out);
        }
        for (Pod p : snapshot.pods()) {
            String id = p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
            if (world.pod(id).isEmpty() && !p.getMetadata().getNamespace().equals(World.DNS_NAMESPACE)) {
                out.add("pod " + id + " was added");
            }
        }
        for (WorldService ws : world.services()) {
            Optional<Service> svc = snapshot.service(ws.namespace(), ws.name());
            if (svc.isEmpty()) {
                out.add("service " + ws.id() + " was deleted");
            } else if (!ws.selector().equals(svc.get().getSpec().getSelector())) {
                out.add("service " + ws.id() + ": selector changed from " + new TreeMap<>(ws.selector()) + " to "
                        + new TreeMap<>(svc.get().getSpec().getSelector() == null ? Map.of() : svc.get().getSpec().getSelector()));
            }
        }
        return out;
    }

    private static void labelDiff(String what, Map<String, String> expected, Map<String, String> actual, List<String> out) {
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String k : keys) {
            String e = expected.get(k);
            String a = actual.get(k);
            if (e == null) {
                out.add(what + ": label " + k + "=" + a + " was added");
            } else if (a == null) {
                out.add(what + ": label " + k + "=" + e + " was removed");
            } else if (!e.equals(a)) {
                out.add(what + ": label " + k + " changed from " + e + " to " + a);
            }
        }
    }
}
