package dev.netpollab.grade;

import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.lab.Snapshots;
import dev.netpollab.lab.WorldManifests;
import dev.netpollab.policy.NamespaceInfo;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.World;
import dev.netpollab.scenario.WorldNamespace;
import dev.netpollab.scenario.WorldPod;
import dev.netpollab.scenario.WorldPort;
import dev.netpollab.scenario.WorldService;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code worldImmutable}: the namespaces, pods, labels, container ports and services must be as the scenario
 * set them up, so that a policy cannot be "fixed" by relabelling, renaming a port or deleting what it should
 * protect. That includes kube-system: its labels, its DNS pod, and no pods added there by hand.
 *
 * <p>On real clusters kube-system's pods are made by controllers (they have an owner) and carry labels and
 * ports of their own (pod-template-hash, CoreDNS's metrics port); for such a pod only what the world declares
 * is checked. A pod without an owner was created directly, by the lab or by the learner, and must match exactly.
 */
public final class WorldIntegrity {
    private WorldIntegrity() {
    }

    /** Every difference between the lab and the scenario's world, in words; empty when untouched. */
    public static List<String> differences(Scenario scenario, ClusterSnapshot snapshot) {
        World world = scenario.world();
        List<String> out = new ArrayList<>();
        for (WorldNamespace wn : world.namespaces()) {
            Optional<Namespace> ns = snapshot.namespaces().stream().filter(n -> n.getMetadata().getName().equals(wn.name())).findFirst();
            if (ns.isEmpty()) {
                if (!wn.name().equals(World.DNS_NAMESPACE)) {
                    out.add("namespace " + wn.name() + " was deleted");
                }
                continue;
            }
            Map<String, String> actual = new TreeMap<>(ns.get().getMetadata().getLabels() == null ? Map.of() : ns.get().getMetadata().getLabels());
            actual.remove(NamespaceInfo.NAME_LABEL);
            actual.remove(WorldManifests.MANAGED_BY);
            labelDiff("namespace " + wn.name(), wn.labels(), actual, true, out);
        }
        for (WorldPod wp : world.pods()) {
            Optional<Pod> pod = snapshot.pod(wp.namespace(), wp.name());
            if (pod.isEmpty()) {
                if (!World.isImplicitDns(wp)) {
                    out.add("pod " + wp.id() + " was deleted");
                }
                continue;
            }
            boolean exact = !managed(pod.get());
            labelDiff("pod " + wp.id(), wp.labels(), pod.get().getMetadata().getLabels() == null ? Map.of() : pod.get().getMetadata().getLabels(),
                    exact, out);
            portDiff("pod " + wp.id(), wp.ports(), pod.get(), exact, out);
        }
        for (Pod p : snapshot.pods()) {
            String id = p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
            boolean system = p.getMetadata().getNamespace().equals(World.DNS_NAMESPACE);
            if (world.pod(id).isEmpty() && (!system || !managed(p))) {
                out.add("pod " + id + " was added");
            }
        }
        for (WorldService ws : world.services()) {
            Optional<Service> svc = snapshot.service(ws.namespace(), ws.name());
            if (svc.isEmpty()) {
                out.add("service " + ws.id() + " was deleted");
                continue;
            }
            Map<String, String> selector = svc.get().getSpec() == null || svc.get().getSpec().getSelector() == null ? Map.of()
                    : svc.get().getSpec().getSelector();
            if (!ws.selector().equals(selector)) {
                out.add("service " + ws.id() + ": selector changed from " + new TreeMap<>(ws.selector()) + " to " + new TreeMap<>(selector));
            }
            servicePortDiff(ws, svc.get().getSpec() == null || svc.get().getSpec().getPorts() == null ? List.of() : svc.get().getSpec().getPorts(), out);
        }
        return out;
    }

    /** Made by a controller (a ReplicaSet, a DaemonSet...) or standing for such a pod, rather than created directly. */
    private static boolean managed(Pod p) {
        boolean owned = p.getMetadata().getOwnerReferences() != null && !p.getMetadata().getOwnerReferences().isEmpty();
        boolean alias = p.getMetadata().getAnnotations() != null && p.getMetadata().getAnnotations().containsKey(Snapshots.ALIAS_OF);
        return owned || alias;
    }

    /** @param exact labels the world does not declare count as added (false for pods that controllers label) */
    private static void labelDiff(String what, Map<String, String> expected, Map<String, String> actual, boolean exact, List<String> out) {
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String k : keys) {
            String e = expected.get(k);
            String a = actual.get(k);
            if (e == null) {
                if (exact) {
                    out.add(what + ": label " + k + "=" + a + " was added");
                }
            } else if (a == null) {
                out.add(what + ": label " + k + "=" + e + " was removed");
            } else if (!e.equals(a)) {
                out.add(what + ": label " + k + " changed from " + e + " to " + a);
            }
        }
    }

    /** Container ports by number and protocol: a renamed port breaks (or fakes) a policy that names it. */
    private static void portDiff(String what, List<WorldPort> expected, Pod pod, boolean exact, List<String> out) {
        Map<String, String> actual = new TreeMap<>();
        if (pod.getSpec() != null && pod.getSpec().getContainers() != null) {
            pod.getSpec().getContainers().forEach(c -> {
                if (c.getPorts() != null) {
                    for (ContainerPort p : c.getPorts()) {
                        if (p.getContainerPort() != null) {
                            actual.put(p.getContainerPort() + "/" + (p.getProtocol() == null ? "TCP" : p.getProtocol()), p.getName() == null ? "" : p.getName());
                        }
                    }
                }
            });
        }
        Map<String, String> declared = new TreeMap<>();
        expected.forEach(p -> declared.put(p.port() + "/" + p.protocol().name(), p.name() == null ? "" : p.name()));
        for (Map.Entry<String, String> d : declared.entrySet()) {
            String a = actual.get(d.getKey());
            if (a == null) {
                out.add(what + ": container port " + d.getKey() + " was removed");
            } else if (!a.equals(d.getValue())) {
                out.add(what + ": container port " + d.getKey() + " was renamed from " + named(d.getValue()) + " to " + named(a));
            }
        }
        if (exact) {
            actual.keySet().stream().filter(k -> !declared.containsKey(k))
                    .forEach(k -> out.add(what + ": container port " + k + (actual.get(k).isEmpty() ? "" : " (" + actual.get(k) + ")") + " was added"));
        }
    }

    private static String named(String name) {
        return name.isEmpty() ? "no name" : "\"" + name + "\"";
    }

    /** Service ports: the port, its protocol and where it forwards (targetPort) must be as set up. */
    private static void servicePortDiff(WorldService ws, List<ServicePort> ports, List<String> out) {
        Map<String, String> actual = new TreeMap<>();
        for (ServicePort p : ports) {
            if (p.getPort() != null) {
                IntOrString t = p.getTargetPort();
                String target = t == null ? String.valueOf(p.getPort()) : t.getIntVal() != null ? String.valueOf(t.getIntVal()) : t.getStrVal();
                actual.put(p.getPort() + "/" + (p.getProtocol() == null ? "TCP" : p.getProtocol()), target);
            }
        }
        Map<String, String> declared = new TreeMap<>();
        ws.ports().forEach(p -> declared.put(p.port() + "/" + p.protocol().name(), p.targetPort()));
        for (Map.Entry<String, String> d : declared.entrySet()) {
            String a = actual.get(d.getKey());
            if (a == null) {
                out.add("service " + ws.id() + ": port " + d.getKey() + " was removed");
            } else if (!a.equals(d.getValue())) {
                out.add("service " + ws.id() + ": port " + d.getKey() + " now forwards to targetPort " + a + " instead of " + d.getValue());
            }
        }
        actual.keySet().stream().filter(k -> !declared.containsKey(k))
                .forEach(k -> out.add("service " + ws.id() + ": port " + k + " was added"));
    }
}
