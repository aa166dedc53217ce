package dev.netpollab.policy;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The directions a policy isolates. */
public final class PolicyTypes {
    private PolicyTypes() {
    }

    /**
     * "If this field is not specified, it will default based on the existence of ingress or egress rules;
     * policies that contain an egress section are assumed to affect egress, and all policies (whether or not
     * they contain an ingress section) are assumed to affect ingress." (NetworkPolicySpec.policyTypes)
     * The API server's defaulting counts egress only when the list is non-empty ({@code len(Egress) != 0}).
     * Explicit policyTypes always win.
     */
    public static Set<Direction> effective(NetworkPolicySpec spec) {
        List<String> declared = spec.getPolicyTypes();
        EnumSet<Direction> out = EnumSet.noneOf(Direction.class);
        if (declared == null || declared.isEmpty()) {
            out.add(Direction.INGRESS);
            if (spec.getEgress() != null && !spec.getEgress().isEmpty()) {
                out.add(Direction.EGRESS);
            }
            return out;
        }
        for (String t : declared) {
            for (Direction d : Direction.values()) {
                if (d.policyType().equals(t)) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    /** True when policyTypes was left out, so the defaulting rule decided. */
    public static boolean defaulted(NetworkPolicySpec spec) {
        return spec.getPolicyTypes() == null || spec.getPolicyTypes().isEmpty();
    }
}
