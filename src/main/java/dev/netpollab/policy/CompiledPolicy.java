package dev.netpollab.policy;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/** A policy with the pods it selects and its rules resolved against one topology. */
final class CompiledPolicy {
    final PolicyId id;
    final NetworkPolicy source;
    final Set<Direction> types;
    final BitSet selected;
    final List<CompiledRule> ingress;
    final List<CompiledRule> egress;

    CompiledPolicy(NetworkPolicy policy, Topology topology) {
        this.source = policy;
        String ns = policy.getMetadata().getNamespace() == null ? "default" : policy.getMetadata().getNamespace();
        this.id = new PolicyId(ns, policy.getMetadata().getName());
        // An object without spec decodes, as in Go, to the zero spec: all pods, ingress isolation, no rules.
        NetworkPolicySpec spec = policy.getSpec() == null ? new NetworkPolicySpec() : policy.getSpec();
        this.types = PolicyTypes.effective(spec);
        // "An empty podSelector matches all pods in this namespace." A policy never selects pods of
        // another namespace: NetworkPolicy is a namespaced object. (NetworkPolicySpec.podSelector)
        LabelSelectorMatcher podSelector = LabelSelectorMatcher.of(spec.getPodSelector());
        this.selected = new BitSet();
        List<PodInfo> pods = topology.pods();
        for (int i = 0; i < pods.size(); i++) {
            PodInfo p = pods.get(i);
            if (p.namespace().equals(ns) && podSelector.matches(p.labels())) {
                selected.set(i);
            }
        }
        this.ingress = new ArrayList<>();
        List<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule> in =
                spec.getIngress() == null ? List.of() : spec.getIngress();
        for (int r = 0; r < in.size(); r++) {
            ingress.add(rule(new RuleRef(id, Direction.INGRESS, r), in.get(r).getFrom(), in.get(r).getPorts(), topology));
        }
        this.egress = new ArrayList<>();
        List<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule> out =
                spec.getEgress() == null ? List.of() : spec.getEgress();
        for (int r = 0; r < out.size(); r++) {
            egress.add(rule(new RuleRef(id, Direction.EGRESS, r), out.get(r).getTo(), out.get(r).getPorts(), topology));
        }
    }

    private CompiledRule rule(RuleRef ref, List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports, Topology topology) {
        List<CompiledPeer> compiledPeers = new ArrayList<>();
        if (peers != null) {
            for (int i = 0; i < peers.size(); i++) {
                compiledPeers.add(new CompiledPeer(i, peers.get(i), id.namespace(), topology));
            }
        }
        List<CompiledPort> compiledPorts = ports == null ? List.of() : ports.stream().map(CompiledPort::of).toList();
        return new CompiledRule(ref, compiledPeers, compiledPorts);
    }

    List<CompiledRule> rules(Direction d) {
        return d == Direction.INGRESS ? ingress : egress;
    }
}
