package dev.netpollab.grade;

import dev.netpollab.policy.Direction;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a policy, their peers and their ports, alike for ingress ({@code from}) and egress ({@code to}),
 * as the live lists of the fabric8 model so that a mutant can be edited in place. An absent list reads as empty.
 */
final class RuleParts {
    private RuleParts() {
    }

    @SuppressWarnings("unchecked")
    static List<Object> rules(NetworkPolicySpec spec, Direction d) {
        List<?> rules = d == Direction.INGRESS ? spec.getIngress() : spec.getEgress();
        return rules == null ? new ArrayList<>() : (List<Object>) rules;
    }

    /** Every rule of both directions, ingress first. */
    static List<Object> rules(NetworkPolicy np) {
        List<Object> out = new ArrayList<>(rules(np.getSpec(), Direction.INGRESS));
        out.addAll(rules(np.getSpec(), Direction.EGRESS));
        return out;
    }

    static List<NetworkPolicyPeer> peers(Object rule) {
        List<NetworkPolicyPeer> peers = rule instanceof NetworkPolicyIngressRule in ? in.getFrom() : ((NetworkPolicyEgressRule) rule).getTo();
        return peers == null ? new ArrayList<>() : peers;
    }

    static List<NetworkPolicyPort> ports(Object rule) {
        List<NetworkPolicyPort> ports = rule instanceof NetworkPolicyIngressRule in ? in.getPorts() : ((NetworkPolicyEgressRule) rule).getPorts();
        return ports == null ? new ArrayList<>() : ports;
    }

    static void setPeers(Object rule, List<NetworkPolicyPeer> peers) {
        if (rule instanceof NetworkPolicyIngressRule in) {
            in.setFrom(peers);
        } else {
            ((NetworkPolicyEgressRule) rule).setTo(peers);
        }
    }

    static void setPorts(Object rule, List<NetworkPolicyPort> ports) {
        if (rule instanceof NetworkPolicyIngressRule in) {
            in.setPorts(ports);
        } else {
            ((NetworkPolicyEgressRule) rule).setPorts(ports);
        }
    }
}
