package dev.netpollab.policy;

/**
 * The engine's decision and its trace. "For a connection from a source pod to a destination pod to be
 * allowed, both the egress policy on the source pod and the ingress policy on the destination pod need
 * to allow the connection." (Network Policies concept page)
 */
public record Verdict(Connection connection, boolean allowed, DirectionResult egress, DirectionResult ingress) {
    /** A pod reaching itself: always allowed, whatever the policies (see {@link PolicyEngine#isLoopback}). */
    public boolean loopback() {
        return PolicyEngine.isLoopback(connection.src(), connection.dst());
    }

    public boolean cniDependent() {
        return egress.cniDependent() || ingress.cniDependent();
    }
}
