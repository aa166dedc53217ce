package dev.netpollab.policy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The API server's defaulting for networking/v1 ({@code SetDefaults_NetworkPolicy} and
 * {@code SetDefaults_NetworkPolicyPort}): what a stored policy looks like after {@code kubectl apply}.
 */
public final class PolicyDefaults {
    private PolicyDefaults() {
    }

    /**
     * What Go's JSON decoder makes of nulls in a policy, before validation: a null metadata, rule, peer, port or
     * selector requirement in a list is the zero value of its type ({@code ingress: [~]} is the empty rule, which
     * admits everything; {@code from: [~]} an empty peer, which validation refuses). Mutates and returns the policy.
     */
    public static NetworkPolicy decoded(NetworkPolicy np) {
        if (np.getMetadata() == null) {
            np.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMeta());
        }
        NetworkPolicySpec spec = np.getSpec();
        if (spec == null) {
            return np;
        }
        zero(spec.getPodSelector());
        if (spec.getIngress() != null) {
            spec.getIngress().replaceAll(r -> r == null ? new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule() : r);
            spec.getIngress().forEach(r -> {
                zeroPorts(r.getPorts());
                zeroPeers(r.getFrom());
            });
        }
        if (spec.getEgress() != null) {
            spec.getEgress().replaceAll(r -> r == null ? new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule() : r);
            spec.getEgress().forEach(r -> {
                zeroPorts(r.getPorts());
                zeroPeers(r.getTo());
            });
        }
        return np;
    }

    private static void zeroPorts(List<NetworkPolicyPort> ports) {
        if (ports != null) {
            ports.replaceAll(p -> p == null ? new NetworkPolicyPort() : p);
        }
    }

    private static void zeroPeers(List<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer> peers) {
        if (peers != null) {
            peers.replaceAll(p -> p == null ? new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer() : p);
            peers.forEach(p -> {
                zero(p.getPodSelector());
                zero(p.getNamespaceSelector());
            });
        }
    }

    private static void zero(LabelSelector s) {
        if (s != null && s.getMatchExpressions() != null) {
            s.getMatchExpressions().replaceAll(r -> r == null ? new io.fabric8.kubernetes.api.model.LabelSelectorRequirement() : r);
        }
    }

    /** Fills policyTypes from the rules when empty, and protocol TCP on ports that name none; mutates the policy. */
    public static void apply(NetworkPolicy np) {
        NetworkPolicySpec spec = np.getSpec();
        if (spec == null) {
            spec = new NetworkPolicySpec();
            np.setSpec(spec);
        }
        if (spec.getPodSelector() == null) {
            spec.setPodSelector(new LabelSelector());
        }
        if (spec.getPolicyTypes() == null || spec.getPolicyTypes().isEmpty()) {
            List<String> types = new ArrayList<>();
            for (Direction d : PolicyTypes.effective(spec)) {
                types.add(d.policyType());
            }
            spec.setPolicyTypes(types);
        }
        List<NetworkPolicyPort> ports = new ArrayList<>();
        if (spec.getIngress() != null) {
            spec.getIngress().forEach(r -> ports.addAll(r.getPorts() == null ? List.of() : r.getPorts()));
        }
        if (spec.getEgress() != null) {
            spec.getEgress().forEach(r -> ports.addAll(r.getPorts() == null ? List.of() : r.getPorts()));
        }
        ports.stream().filter(p -> p.getProtocol() == null).forEach(p -> p.setProtocol(Protocol.TCP.name()));
    }
}
