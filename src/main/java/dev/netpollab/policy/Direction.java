package dev.netpollab.policy;

/** The two directions a NetworkPolicy can isolate. */
public enum Direction {
    INGRESS("Ingress"), EGRESS("Egress");

    private final String policyType;

    Direction(String policyType) {
        this.policyType = policyType;
    }

    /** The spelling used in {@code spec.policyTypes}. */
    public String policyType() {
        return policyType;
    }

    public String lower() {
        return policyType.toLowerCase(java.util.Locale.ROOT);
    }
}
