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
