package dev.netpollab.policy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.netpollab.policy.Fixtures.policies;
import static dev.netpollab.policy.Fixtures.xyz;
import static org.assertj.core.api.Assertions.assertThat;

/** "A pod cannot block access to itself": loopback is allowed whatever the policies, as the upstream netpol e2e suite expects. */
class LoopbackTest {
    private static final String DENY_ALL = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-all, namespace: x}
            spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
            """;

    @Test
    @DisplayName("a pod reaches itself under a deny-all in both directions, on every port and protocol; another pod does not")
    void selfAllowed() {
        Topology t = xyz();
        PolicyEngine e = PolicyEngine.compile(t, policies(DENY_ALL));
        PodInfo a = t.pod("x/a").orElseThrow();
        PodInfo b = t.pod("x/b").orElseThrow();
        for (Protocol p : List.of(Protocol.TCP, Protocol.UDP)) {
            assertThat(e.allows(a, a, 80, p)).isTrue();
            assertThat(e.allows(a, a, 9999, p)).as("even a port nothing names").isTrue();
            assertThat(e.allows(a, b, 80, p)).isFalse();
        }
    }

    @Test
    @DisplayName("the traced verdict agrees, says it is loopback, and still shows what the policies would say to another pod")
    void traced() {
        Topology t = xyz();
        PolicyEngine e = PolicyEngine.compile(t, policies(DENY_ALL));
        PodInfo a = t.pod("x/a").orElseThrow();
        Verdict v = e.evaluate(a, a, 80, Protocol.TCP);
        assertThat(v.allowed()).isTrue();
        assertThat(v.loopback()).isTrue();
        assertThat(v.egress().allowed()).as("the trace of the policies themselves").isFalse();
        assertThat(e.evaluate(a, t.pod("x/b").orElseThrow(), 80, Protocol.TCP).loopback()).isFalse();
        assertThat(e.evaluate(t.pod("y/a").orElseThrow(), a, 80, Protocol.TCP).loopback()).as("same pod name, other namespace").isFalse();
    }

    @Test
    @DisplayName("the full matrix of analyze still lists only pairs of distinct pods")
    void matrixSkipsSelf() {
        Topology t = xyz();
        PolicyEngine e = PolicyEngine.compile(t, policies(DENY_ALL));
        long[] self = {0};
        long n = e.forEachPodConnection((src, dst, port, proto, allowed) -> {
            if (src.id().equals(dst.id())) {
                self[0]++;
            }
        });
        assertThat(self[0]).isZero();
        assertThat(n).isEqualTo(9 * 8 * 4);
    }
}
