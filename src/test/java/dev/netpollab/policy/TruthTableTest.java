package dev.netpollab.policy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Truth tables in the style of the upstream Kubernetes netpol e2e tests: namespaces x, y, z; pods a, b, c;
 * ports 80/81 on TCP and UDP. Each expected table was worked out by hand from the API reference, not
 * produced by the engine. Rows are sources, columns destinations; "." allowed, "X" blocked, "-" the pod itself.
 */
class TruthTableTest {
    private static final String ALL_ALLOWED = """
                x/a x/b x/c y/a y/b y/c z/a z/b z/c
            x/a  -   .   .   .   .   .   .   .   .
            x/b  .   -   .   .   .   .   .   .   .
            x/c  .   .   -   .   .   .   .   .   .
            y/a  .   .   .   -   .   .   .   .   .
            y/b  .   .   .   .   -   .   .   .   .
            y/c  .   .   .   .   .   -   .   .   .
            z/a  .   .   .   .   .   .   -   .   .
            z/b  .   .   .   .   .   .   .   -   .
            z/c  .   .   .   .   .   .   .   .   -
            """;

    /** Everything into x/a blocked, everything else allowed. */
    private static final String XA_CLOSED = """
                x/a x/b x/c y/a y/b y/c z/a z/b z/c
            x/a  -   .   .   .   .   .   .   .   .
            x/b  X   -   .   .   .   .   .   .   .
            x/c  X   .   -   .   .   .   .   .   .
            y/a  X   .   .   -   .   .   .   .   .
            y/b  X   .   .   .   -   .   .   .   .
            y/c  X   .   .   .   .   -   .   .   .
            z/a  X   .   .   .   .   .   -   .   .
            z/b  X   .   .   .   .   .   .   -   .
            z/c  X   .   .   .   .   .   .   .   -
            """;

    @Test
    @DisplayName("no policies: every pod reaches every pod on every port")
    void noPolicies() {
        assertAllPorts(List.of(), ALL_ALLOWED);
    }

    @Test
    @DisplayName("default-deny ingress in x isolates every pod of x, only x")
    void denyAllIngressInX() {
        String t = """
                    x/a x/b x/c y/a y/b y/c z/a z/b z/c
                x/a  -   X   X   .   .   .   .   .   .
                x/b  X   -   X   .   .   .   .   .   .
                x/c  X   X   -   .   .   .   .   .   .
                y/a  X   X   X   -   .   .   .   .   .
                y/b  X   X   X   .   -   .   .   .   .
                y/c  X   X   X   .   .   -   .   .   .
                z/a  X   X   X   .   .   .   -   .   .
                z/b  X   X   X   .   .   .   .   -   .
                z/c  X   X   X   .   .   .   .   .   -
                """;
        assertAllPorts(List.of("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny-all, namespace: x}
                spec: {podSelector: {}, policyTypes: [Ingress]}
                """), t);
    }

    @Test
    @DisplayName("x/a from podSelector {} alone: only pods of x (the policy's namespace)")
    void fromSameNamespaceOnly() {
        String t = """
                    x/a x/b x/c y/a y/b y/c z/a z/b z/c
                x/a  -   .   .   .   .   .   .   .   .
                x/b  .   -   .   .   .   .   .   .   .
                x/c  .   .   -   .   .   .   .   .   .
                y/a  X   .   .   -   .   .   .   .   .
                y/b  X   .   .   .   -   .   .   .   .
                y/c  X   .   .   .   .   -   .   .   .
                z/a  X   .   .   .   .   .   -   .   .
                z/b  X   .   .   .   .   .   .   -   .
                z/c  X   .   .   .   .   .   .   .   -
                """;
        assertAllPorts(List.of("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: same-ns, namespace: x}
                spec:
                  podSelector: {matchLabels: {pod: a}}
                  ingress: [{from: [{podSelector: {}}]}]
                """), t);
    }

    @Test
    @DisplayName("namespaceSelector and podSelector in ONE peer: AND (only y/b)")
    void andInOnePeer() {
        String t = """
                    x/a x/b x/c y/a y/b y/c z/a z/b z/c
                x/a  -   .   .   .   .   .   .   .   .
                x/b  X   -   .   .   .   .   .   .   .
                x/c  X   .   -   .   .   .   .   .   .
                y/a  X   .   .   -   .   .   .   .   .
                y/b  .   .   .   .   -   .   .   .   .
                y/c  X   .   .   .   .   -   .   .   .
                z/a  X   .   .   .   .   .   -   .   .
                z/b  X   .   .   .   .   .   .   -   .
                z/c  X   .   .   .   .   .   .   .   -
                """;
        assertAllPorts(List.of("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: and, namespace: x}
                spec:
                  podSelector: {matchLabels: {pod: a}}
                  ingress:
                  - from:
                    - namespaceSelector: {matchLabels: {ns: y}}
                      podSelector: {matchLabels: {pod: b}}
                """), t);
    }

    @Test
    @DisplayName("namespaceSelector and podSelector as two peers: OR (all of y, and x/b)")
    void orInTwoPeers() {
        String t = """
                    x/a x/b x/c y/a y/b y/c z/a z/b z/c
                x/a  -   .   .   .   .   .   .   .   .
                x/b  .   -   .   .   .   .   .   .   .
                x/c  X   .   -   .   .   .   .   .   .
                y/a  .   .   .   -   .   .   .   .   .
                y/b  .   .   .   .   -   .   .   .   .
                y/c  .   .   .   .   .   -   .   .   .
                z/a  X   .   .   .   .   .   -   .   .
                z/b  X   .   .   .   .   .   .   -   .
                z/c  X   .   .   .   .   .   .   .   -
                """;
        assertAllPorts(List.of("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: or, namespace: x}
                spec:
                  podSelector: {matchLabels: {pod: a}}
                  ingress:
                  - from:
                    - namespaceSelector: {matchLabels: {ns: y}}
                    - podSelector: {matchLabels: {pod: b}}
                """), t);
    }

    @Test
    @DisplayName("namespaceSelector {} with podSelector: pod b of every namespace")
    void allNamespacesPodB() {
        String t = """
                    x/a x/b x/c y/a y/b y/c z/a z/b z/c
                x/a  -   .   .   .   .   .   .   .   .
                x/b  .   -   .   .   .   .   .   .   .
                x/c  X   .   -   .   .   .   .   .   .
                y/a  X   .   .   -   .   .   .   .   .
                y/b  .   .   .   .   -   .   .   .   .
                y/c  X   .   .   .   .   -   .   .   .
                z/a  X   .   .   .   .   .   -   .   .
                z/b  .   .   .   .   .   .   .   -   .
                z/c  X   .   .   .   .   .   .   .   -
                """;
        assertAllPorts(List.of("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: any-ns-b, namespace: x}
                spec:
                  podSelector: {matchLabels: {pod: a}}
                  ingress: [{from: [{namespaceSelector: {}, podSelector: {matchLabels: {pod: b}}}]}]
                """), t);
    }

    @Test
    @DisplayName("namespace chosen by kubernetes.io/metadata.name: all pods of z")
    void metadataNameLabel() {
        String t = """
                    x/a x/b x/c y/a y/b y/c z/a z/b z/c
                x/a  -   .   .   .   .   .   .   .   .
                x/b  X   -   .   .   .   .   .   .   .
                x/c  X   .   -   .   .   .   .   .   .
                y/a  X   .   .   -   .   .   .   .   .
                y/b  X   .   .   .   -   .   .   .   .
                y/c  X   .   .   .   .   -   .   .   .
                z/a  .   .   .   .   .   .   -   .   .
                z/b  .   .   .   .   .   .   .   -   .
                z/c  .   .   .   .   .   .   .   .   -
                """;
        assertAllPorts(List.of("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: from-z, namespace: x}
                spec:
                  podSelector: {matchLabels: {pod: a}}
                  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: z}}}]}]
                """), t);
    }

    @Test
    @DisplayName("port 80/TCP only: 80/TCP open to all, 81/TCP and UDP closed")
    void tcp80Only() {
        String policy = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: web, namespace: x}
                spec:
                  podSelector: {matchLabels: {pod: a}}
                  ingress: [{ports: [{port: 80}]}]
                """;
        assertTable(List.of(policy), 80, Protocol.TCP, ALL_ALLOWED);
        assertTable(List.of(policy), 81, Protocol.TCP, XA_CLOSED);
        assertTable(List.of(policy), 80, Protocol.UDP, XA_CLOSED);
        assertTable(List.of(policy), 81, Protocol.UDP, XA_CLOSED);
    }

    @Test
    @DisplayName("named port serve-81-udp with protocol UDP: only 81/UDP open")
    void namedUdpPort() {
        String policy = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: named, namespace: x}
                spec:
                  podSelector: {matchLabels: {pod: a}}
                  ingress: [{ports: [{port: serve-81-udp, protocol: UDP}]}]
                """;
        assertTable(List.of(policy), 81, Protocol.UDP, ALL_ALLOWED);
        assertTable(List.of(policy), 80, Protocol.UDP, XA_CLOSED);
        assertTable(List.of(policy), 81, Protocol.TCP, XA_CLOSED);
        assertTable(List.of(policy), 80, Protocol.TCP, XA_CLOSED);
    }

    @Test
    @DisplayName("port 80 endPort 81 on TCP: both TCP ports open, UDP closed")
    void endPortRange() {
        String policy = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: range, namespace: x}
                spec:
                  podSelector: {matchLabels: {pod: a}}
                  ingress: [{ports: [{port: 80, endPort: 81, protocol: TCP}]}]
                """;
        assertTable(List.of(policy), 80, Protocol.TCP, ALL_ALLOWED);
        assertTable(List.of(policy), 81, Protocol.TCP, ALL_ALLOWED);
        assertTable(List.of(policy), 80, Protocol.UDP, XA_CLOSED);
        assertTable(List.of(policy), 81, Protocol.UDP, XA_CLOSED);
    }

    @Test
    @DisplayName("egress deny-all on x/a: x/a reaches nothing, everyone reaches x/a")
    void egressDenyAll() {
        String t = """
                    x/a x/b x/c y/a y/b y/c z/a z/b z/c
                x/a  -   X   X   X   X   X   X   X   X
                x/b  .   -   .   .   .   .   .   .   .
                x/c  .   .   -   .   .   .   .   .   .
                y/a  .   .   .   -   .   .   .   .   .
                y/b  .   .   .   .   -   .   .   .   .
                y/c  .   .   .   .   .   -   .   .   .
                z/a  .   .   .   .   .   .   -   .   .
                z/b  .   .   .   .   .   .   .   -   .
                z/c  .   .   .   .   .   .   .   .   -
                """;
        assertAllPorts(List.of("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: no-egress, namespace: x}
                spec: {podSelector: {matchLabels: {pod: a}}, policyTypes: [Egress]}
                """), t);
    }

    @Test
    @DisplayName("egress rules without policyTypes also isolate ingress: x/a reaches only y, and nobody reaches x/a")
    void egressWithoutPolicyTypes() {
        String t = """
                    x/a x/b x/c y/a y/b y/c z/a z/b z/c
                x/a  -   X   X   .   .   .   X   X   X
                x/b  X   -   .   .   .   .   .   .   .
                x/c  X   .   -   .   .   .   .   .   .
                y/a  X   .   .   -   .   .   .   .   .
                y/b  X   .   .   .   -   .   .   .   .
                y/c  X   .   .   .   .   -   .   .   .
                z/a  X   .   .   .   .   .   -   .   .
                z/b  X   .   .   .   .   .   .   -   .
                z/c  X   .   .   .   .   .   .   .   -
                """;
        assertAllPorts(List.of("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: to-y, namespace: x}
                spec:
                  podSelector: {matchLabels: {pod: a}}
                  egress: [{to: [{namespaceSelector: {matchLabels: {ns: y}}}]}]
                """), t);
    }

    @Test
    @DisplayName("policyTypes [Ingress] with egress rules: egress not enforced, ingress denied")
    void egressRulesIgnoredByExplicitTypes() {
        assertAllPorts(List.of("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: ingress-only, namespace: x}
                spec:
                  podSelector: {matchLabels: {pod: a}}
                  policyTypes: [Ingress]
                  egress: [{to: [{namespaceSelector: {matchLabels: {ns: y}}}]}]
                """), XA_CLOSED);
    }

    @Test
    @DisplayName("ipBlock with except, compared with pod IPs: x and z admitted, y (the except) not")
    void ipBlockExcept() {
        String t = """
                    x/a x/b x/c y/a y/b y/c z/a z/b z/c
                x/a  -   .   .   .   .   .   .   .   .
                x/b  .   -   .   .   .   .   .   .   .
                x/c  .   .   -   .   .   .   .   .   .
                y/a  X   .   .   -   .   .   .   .   .
                y/b  X   .   .   .   -   .   .   .   .
                y/c  X   .   .   .   .   -   .   .   .
                z/a  .   .   .   .   .   .   -   .   .
                z/b  .   .   .   .   .   .   .   -   .
                z/c  .   .   .   .   .   .   .   .   -
                """;
        assertAllPorts(List.of("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: cidr, namespace: x}
                spec:
                  podSelector: {matchLabels: {pod: a}}
                  ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/16, except: [10.0.1.0/24]}}]}]
                """), t);
    }

    @Test
    @DisplayName("a leftover allow-all rule next to a deny-all: policies are additive, everything flows")
    void allowAllMasksDeny() {
        assertAllPorts(List.of("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny, namespace: x}
                spec: {podSelector: {}, policyTypes: [Ingress]}
                """, """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: allow-all, namespace: x}
                spec: {podSelector: {}, ingress: [{}]}
                """), ALL_ALLOWED);
    }

    @Test
    @DisplayName("matchExpressions NotIn/Exists: isolate x/b and x/c from y, keep x/a open")
    void matchExpressions() {
        String t = """
                    x/a x/b x/c y/a y/b y/c z/a z/b z/c
                x/a  -   .   .   .   .   .   .   .   .
                x/b  .   -   .   .   .   .   .   .   .
                x/c  .   .   -   .   .   .   .   .   .
                y/a  .   X   X   -   .   .   .   .   .
                y/b  .   X   X   .   -   .   .   .   .
                y/c  .   X   X   .   .   -   .   .   .
                z/a  .   .   .   .   .   .   -   .   .
                z/b  .   .   .   .   .   .   .   -   .
                z/c  .   .   .   .   .   .   .   .   -
                """;
        assertAllPorts(List.of("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: not-a, namespace: x}
                spec:
                  podSelector: {matchExpressions: [{key: pod, operator: NotIn, values: [a]}]}
                  ingress:
                  - from:
                    - namespaceSelector: {matchExpressions: [{key: ns, operator: In, values: [x, z]}]}
                      podSelector: {matchExpressions: [{key: pod, operator: Exists}]}
                """), t);
    }

    @Test
    @DisplayName("egress to y on UDP only: x/a reaches y on UDP, nothing on TCP")
    void egressUdpOnly() {
        String policy = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: udp-to-y, namespace: x}
                spec:
                  podSelector: {matchLabels: {pod: a}}
                  policyTypes: [Egress]
                  egress: [{to: [{namespaceSelector: {matchLabels: {ns: y}}}], ports: [{protocol: UDP}]}]
                """;
        String udp = """
                    x/a x/b x/c y/a y/b y/c z/a z/b z/c
                x/a  -   X   X   .   .   .   X   X   X
                x/b  .   -   .   .   .   .   .   .   .
                x/c  .   .   -   .   .   .   .   .   .
                y/a  .   .   .   -   .   .   .   .   .
                y/b  .   .   .   .   -   .   .   .   .
                y/c  .   .   .   .   .   -   .   .   .
                z/a  .   .   .   .   .   .   -   .   .
                z/b  .   .   .   .   .   .   .   -   .
                z/c  .   .   .   .   .   .   .   .   -
                """;
        String tcp = """
                    x/a x/b x/c y/a y/b y/c z/a z/b z/c
                x/a  -   X   X   X   X   X   X   X   X
                x/b  .   -   .   .   .   .   .   .   .
                x/c  .   .   -   .   .   .   .   .   .
                y/a  .   .   .   -   .   .   .   .   .
                y/b  .   .   .   .   -   .   .   .   .
                y/c  .   .   .   .   .   -   .   .   .
                z/a  .   .   .   .   .   .   -   .   .
                z/b  .   .   .   .   .   .   .   -   .
                z/c  .   .   .   .   .   .   .   .   -
                """;
        assertTable(List.of(policy), 80, Protocol.UDP, udp);
        assertTable(List.of(policy), 81, Protocol.UDP, udp);
        assertTable(List.of(policy), 80, Protocol.TCP, tcp);
        assertTable(List.of(policy), 81, Protocol.TCP, tcp);
    }

    @Test
    @DisplayName("source egress AND destination ingress must allow; egress policies add up (a rule-less one takes nothing away)")
    void bothEndsMustAllow() {
        String t = """
                    x/a x/b x/c y/a y/b y/c z/a z/b z/c
                x/a  -   .   .   .   .   .   .   .   .
                x/b  X   -   .   .   .   .   .   .   .
                x/c  X   .   -   .   .   .   .   .   .
                y/a  .   .   .   -   X   X   X   X   X
                y/b  .   .   .   X   -   X   X   X   X
                y/c  .   .   .   X   X   -   X   X   X
                z/a  X   .   .   .   .   .   -   .   .
                z/b  X   .   .   .   .   .   .   -   .
                z/c  X   .   .   .   .   .   .   .   -
                """;
        assertAllPorts(List.of("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: a-from-y, namespace: x}
                spec:
                  podSelector: {matchLabels: {pod: a}}
                  ingress: [{from: [{namespaceSelector: {matchLabels: {ns: y}}}]}]
                """, """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: b-to-x, namespace: y}
                spec:
                  podSelector: {}
                  policyTypes: [Egress]
                  egress:
                  - to: [{namespaceSelector: {matchLabels: {ns: x}}}]
                    ports: []
                  - to: [{podSelector: {matchLabels: {pod: nobody}}}]
                """, """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: only-b-leaves, namespace: y}
                spec:
                  podSelector: {matchExpressions: [{key: pod, operator: In, values: [a, c]}]}
                  policyTypes: [Egress]
                """), t);
    }

    private static void assertAllPorts(List<String> policies, String table) {
        for (Protocol p : List.of(Protocol.TCP, Protocol.UDP)) {
            assertTable(policies, 80, p, table);
            assertTable(policies, 81, p, table);
        }
    }

    private static void assertTable(List<String> policies, int port, Protocol protocol, String expected) {
        Topology t = Fixtures.xyz();
        PolicyEngine engine = PolicyEngine.compile(t, Fixtures.policies(policies.toArray(String[]::new)));
        assertThat(render(engine, port, protocol)).as("reachability on %d/%s", port, protocol).isEqualTo(normalise(expected));
    }

    private static String render(PolicyEngine engine, int port, Protocol protocol) {
        List<PodInfo> pods = engine.topology().pods();
        List<String> lines = new ArrayList<>();
        StringBuilder head = new StringBuilder();
        pods.forEach(p -> head.append(' ').append(p.id()));
        lines.add(head.toString().trim());
        for (PodInfo s : pods) {
            StringBuilder row = new StringBuilder(s.id());
            for (PodInfo d : pods) {
                row.append(' ').append(s == d ? "-" : engine.allows(s, d, port, protocol) ? "." : "X");
            }
            lines.add(row.toString());
        }
        return String.join("\n", lines);
    }

    private static String normalise(String table) {
        return table.lines().map(l -> l.trim().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty())
                .reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
