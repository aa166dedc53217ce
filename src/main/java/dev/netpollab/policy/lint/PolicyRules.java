package dev.netpollab.policy.lint;

import dev.netpollab.policy.Direction;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

import java.util.ArrayList;
import java.util.List;

/** The rules of a policy as one list, with their field paths, for checks that treat both directions alike. */
record PolicyRules(NetworkPolicy policy, Direction direction, int index, List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports) {
    String path() {
        return "spec." + direction.lower() + "[" + index + "]";
    }

    String peersPath() {
        return path() + (direction == Direction.INGRESS ? ".from" : ".to");
    }

    /** One element of a rule's from/to list, with its field path. */
    record Peer(PolicyRules rule, int index, NetworkPolicyPeer peer) {
        NetworkPolicy policy() {
            return rule.policy();
        }

        String path() {
            return rule.peersPath() + "[" + index + "]";
        }
    }

    /** Every peer of every rule of these policies, in order. */
    static List<Peer> peers(List<NetworkPolicy> policies) {
        List<Peer> out = new ArrayList<>();
        for (NetworkPolicy np : policies) {
            for (PolicyRules r : of(np)) {
                for (int i = 0; i < r.peers().size(); i++) {
                    out.add(new Peer(r, i, r.peers().get(i)));
                }
            }
        }
        return out;
    }

    static List<PolicyRules> of(NetworkPolicy np) {
        List<PolicyRules> out = new ArrayList<>();
        if (np.getSpec() == null) {
            return out;
        }
        var in = np.getSpec().getIngress() == null ? List.<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule>of() : np.getSpec().getIngress();
        for (int i = 0; i < in.size(); i++) {
            out.add(new PolicyRules(np, Direction.INGRESS, i, nonNull(in.get(i).getFrom()), nonNull(in.get(i).getPorts())));
        }
        var eg = np.getSpec().getEgress() == null ? List.<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule>of() : np.getSpec().getEgress();
        for (int i = 0; i < eg.size(); i++) {
            out.add(new PolicyRules(np, Direction.EGRESS, i, nonNull(eg.get(i).getTo()), nonNull(eg.get(i).getPorts())));
        }
        return out;
    }

    private static <T> List<T> nonNull(List<T> l) {
        return l == null ? List.of() : l;
    }
}
