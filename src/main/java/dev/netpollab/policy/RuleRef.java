package dev.netpollab.policy;

/** One rule of a policy: {@code spec.ingress[index]} or {@code spec.egress[index]}. */
public record RuleRef(PolicyId policy, Direction direction, int index) {
    /** The field path of the rule, e.g. {@code spec.ingress[0]}. */
    public String path() {
        return "spec." + direction.lower() + "[" + index + "]";
    }

    @Override
    public String toString() {
        return policy + " " + direction.lower() + "[" + index + "]";
    }
}
