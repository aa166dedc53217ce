package dev.netpollab.policy;

/** Identifies a NetworkPolicy: policies are namespaced objects. */
public record PolicyId(String namespace, String name) implements Comparable<PolicyId> {
    @Override
    public String toString() {
        return namespace + "/" + name;
    }

    @Override
    public int compareTo(PolicyId o) {
        return toString().compareTo(o.toString());
    }
}
