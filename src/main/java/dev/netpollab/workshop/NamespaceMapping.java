package dev.netpollab.workshop;

import dev.netpollab.policy.NamespaceInfo;
import dev.netpollab.probe.Probe;
import dev.netpollab.scenario.KubeYaml;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.Target;
import dev.netpollab.scenario.WorldNamespace;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A task's namespaces as the learner's lab runs them and as the workshop knows them: an existing cluster
 * prefixes every scenario namespace, so what is sent is renamed back (the policy's namespace and the
 * namespace names its selectors match on), and work restored from the server is renamed forth.
 */
public final class NamespaceMapping {
    private final Map<String, String> toWorkshop;
    private final Map<String, String> toLab;

    private NamespaceMapping(Map<String, String> toWorkshop) {
        this.toWorkshop = Map.copyOf(toWorkshop);
        Map<String, String> back = new HashMap<>();
        toWorkshop.forEach((lab, ws) -> back.put(ws, lab));
        this.toLab = Map.copyOf(back);
    }

    /** @param lab the same scenario as the lab adapted it ({@code Lab.adapt}) */
    public static NamespaceMapping between(Scenario workshop, Scenario lab) {
        List<String> a = workshop.world().namespaces().stream().map(WorldNamespace::name).toList();
        List<String> b = lab.world().namespaces().stream().map(WorldNamespace::name).toList();
        Map<String, String> m = new LinkedHashMap<>();
        if (a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                if (!a.get(i).equals(b.get(i))) {
                    m.put(b.get(i), a.get(i));
                }
            }
        }
        return new NamespaceMapping(m);
    }

    public boolean identity() {
        return toWorkshop.isEmpty();
    }

    public NetworkPolicy toWorkshop(NetworkPolicy np) {
        return rename(np, toWorkshop);
    }

    public NetworkPolicy toLab(NetworkPolicy np) {
        return rename(np, toLab);
    }

    /** The probe as the workshop names it, e.g. {@code shop/web -> svc:shop/api:80/TCP}. */
    public String probe(Probe p) {
        Target t = p.to();
        if (t instanceof Target.Pod pod) {
            t = new Target.Pod(ns(pod.namespace()), pod.name());
        } else if (t instanceof Target.Service svc) {
            t = new Target.Service(ns(svc.namespace()), svc.name());
        }
        return new Probe(ns(p.fromNamespace()) + "/" + p.fromName(), t, p.port(), p.protocol()).toString();
    }

    private String ns(String n) {
        return toWorkshop.getOrDefault(n, n);
    }

    private NetworkPolicy rename(NetworkPolicy np, Map<String, String> map) {
        if (map.isEmpty()) {
            return np;
        }
        NetworkPolicy copy = KubeYaml.serialization().clone(np);
        String ns = copy.getMetadata().getNamespace();
        copy.getMetadata().setNamespace(map.getOrDefault(ns, ns));
        List<NetworkPolicyPeer> peers = new ArrayList<>();
        if (copy.getSpec() != null) {
            if (copy.getSpec().getIngress() != null) {
                copy.getSpec().getIngress().forEach(r -> peers.addAll(r.getFrom() == null ? List.of() : r.getFrom()));
            }
            if (copy.getSpec().getEgress() != null) {
                copy.getSpec().getEgress().forEach(r -> peers.addAll(r.getTo() == null ? List.of() : r.getTo()));
            }
        }
        for (NetworkPolicyPeer peer : peers) {
            LabelSelector sel = peer.getNamespaceSelector();
            if (sel == null) {
                continue;
            }
            if (sel.getMatchLabels() != null && sel.getMatchLabels().containsKey(NamespaceInfo.NAME_LABEL)) {
                String v = sel.getMatchLabels().get(NamespaceInfo.NAME_LABEL);
                sel.getMatchLabels().put(NamespaceInfo.NAME_LABEL, map.getOrDefault(v, v));
            }
            if (sel.getMatchExpressions() != null) {
                sel.getMatchExpressions().stream().filter(e -> NamespaceInfo.NAME_LABEL.equals(e.getKey()) && e.getValues() != null)
                        .forEach(e -> e.setValues(e.getValues().stream().map(v -> map.getOrDefault(v, v)).toList()));
            }
        }
        return copy;
    }
}
