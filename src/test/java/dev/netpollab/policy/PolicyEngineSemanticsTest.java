package dev.netpollab.policy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.netpollab.policy.Fixtures.labels;
import static dev.netpollab.policy.Fixtures.pod;
import static dev.netpollab.policy.Fixtures.policies;
import static dev.netpollab.policy.Fixtures.tcp;
import static dev.netpollab.policy.Fixtures.udp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One test per rule of the networking.k8s.io/v1 semantics; each asserts the verdict and its trace. */
class PolicyEngineSemanticsTest {
    private final PodInfo web = pod("shop/web", labels("app", "web"), "10.42.0.10", tcp("http", 80));
    private final PodInfo api = pod("shop/api", labels("app", "api"), "10.42.0.11", tcp("http", 8080), tcp("metrics", 9090));
    private final PodInfo db = pod("shop/db", labels("app", "db"), "10.42.0.12", tcp("pg", 5432));
    private final PodInfo dns = pod("kube-system/coredns", labels("k8s-app", "kube-dns"), "10.42.0.2", udp("dns", 53), tcp("dns-tcp", 53));
    private final PodInfo mon = pod("monitoring/prom", labels("app", "prom"), "10.42.1.5", tcp(9090));
    private final ExternalInfo metadata = new ExternalInfo("metadata", "169.254.169.254");
    private final ExternalInfo internet = new ExternalInfo("internet", "93.184.216.34");

    private PolicyEngine engine(String... yamls) {
        Topology t = new Topology(List.of(new NamespaceInfo("shop", labels("team", "shop")),
                new NamespaceInfo("monitoring", labels("purpose", "monitoring")), NamespaceInfo.of("kube-system")),
                List.of(web, api, db, dns, mon), List.of(metadata, internet));
        return PolicyEngine.compile(t, policies(yamls));
    }

    private static final String DENY_INGRESS = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: deny-ingress, namespace: shop}
            spec: {podSelector: {}, policyTypes: [Ingress]}
            """;

    @Test
    @DisplayName("a pod no policy selects is not isolated: all traffic allowed both ways")
    void nonIsolatedAllowsAll() {
        Verdict v = engine().evaluate(web, db, 5432, Protocol.TCP);
        assertThat(v.allowed()).isTrue();
        assertThat(v.egress().isolated()).isFalse();
        assertThat(v.ingress().isolated()).isFalse();
    }

    @Test
    @DisplayName("isolation is per namespace: a policy in shop never selects pods in monitoring")
    void policySelectsOnlyOwnNamespace() {
        PolicyEngine e = engine(DENY_INGRESS);
        assertThat(e.allows(web, mon, 9090, Protocol.TCP)).isTrue();
        assertThat(e.selectedPods(new PolicyId("shop", "deny-ingress"))).containsExactly(api, db, web);
    }

    @Test
    @DisplayName("ingress: [] with Ingress type denies all ingress, and the trace says the policy has no rules")
    void emptyIngressDeniesAll() {
        Verdict v = engine(DENY_INGRESS).evaluate(api, db, 5432, Protocol.TCP);
        assertThat(v.allowed()).isFalse();
        assertThat(v.ingress().isolating()).containsExactly(new PolicyId("shop", "deny-ingress"));
        assertThat(v.ingress().checks()).isEmpty();
        assertThat(v.egress().allowed()).isTrue();
    }

    @Test
    @DisplayName("a rule {} allows all peers and ports")
    void emptyRuleAllowsAll() {
        PolicyEngine e = engine("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: open, namespace: shop}
                spec: {podSelector: {matchLabels: {app: db}}, ingress: [{}]}
                """);
        Verdict v = e.evaluate(mon, db, 5432, Protocol.TCP);
        assertThat(v.allowed()).isTrue();
        assertThat(v.ingress().allowedBy()).get().extracting(RuleCheck::rule)
                .isEqualTo(new RuleRef(new PolicyId("shop", "open"), Direction.INGRESS, 0));
        assertThat(e.allows(web, db, 1234, Protocol.UDP)).isTrue();
    }

    @Test
    @DisplayName("allowed traffic is the union over all selecting policies")
    void policiesAreAdditive() {
        PolicyEngine e = engine(DENY_INGRESS, """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: db-from-api, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: db}}
                  ingress: [{from: [{podSelector: {matchLabels: {app: api}}}]}]
                """);
        assertThat(e.allows(api, db, 5432, Protocol.TCP)).isTrue();
        assertThat(e.allows(web, db, 5432, Protocol.TCP)).isFalse();
        assertThat(e.isolating(db, Direction.INGRESS)).containsExactly(new PolicyId("shop", "db-from-api"), new PolicyId("shop", "deny-ingress"));
    }

    @Test
    @DisplayName("a connection needs the source's egress AND the destination's ingress")
    void bothDirectionsRequired() {
        PolicyEngine e = engine("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: web-egress, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  policyTypes: [Egress]
                  egress: [{to: [{podSelector: {matchLabels: {app: api}}}]}]
                """, DENY_INGRESS);
        Verdict v = e.evaluate(web, api, 8080, Protocol.TCP);
        assertThat(v.egress().allowed()).isTrue();
        assertThat(v.ingress().allowed()).isFalse();
        assertThat(v.allowed()).isFalse();
        Verdict toDb = e.evaluate(web, db, 5432, Protocol.TCP);
        assertThat(toDb.egress().allowed()).isFalse();
        assertThat(toDb.egress().checks()).singleElement().satisfies(c -> {
            assertThat(c.peerMatched()).isFalse();
            assertThat(c.peerMisses()).singleElement().extracting(PeerMiss::clause).isEqualTo(PeerClause.POD_SELECTOR);
        });
    }

    @Test
    @DisplayName("policyTypes omitted: Ingress always, Egress only when egress rules exist")
    void defaultedPolicyTypes() {
        PolicyEngine e = engine("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: egress-only-intent, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: api}}
                  egress: [{to: [{podSelector: {matchLabels: {app: db}}}]}]
                """, """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: empty-egress, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  egress: []
                """);
        assertThat(e.types(new PolicyId("shop", "egress-only-intent"))).containsExactlyInAnyOrder(Direction.INGRESS, Direction.EGRESS);
        assertThat(e.types(new PolicyId("shop", "empty-egress"))).containsExactly(Direction.INGRESS);
        assertThat(e.allows(web, api, 8080, Protocol.TCP)).as("api's ingress got isolated by its egress policy").isFalse();
        assertThat(e.allows(web, mon, 9090, Protocol.TCP)).as("egress: [] does not isolate egress").isTrue();
    }

    @Test
    @DisplayName("explicit policyTypes win: egress rules with policyTypes [Ingress] are not enforced and the trace notes it")
    void explicitTypesIgnoreOtherRules() {
        PolicyEngine e = engine("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: api, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: api}}
                  policyTypes: [Ingress]
                  ingress: [{}]
                  egress: [{to: [{podSelector: {matchLabels: {app: db}}}]}]
                """);
        Verdict v = e.evaluate(api, mon, 9090, Protocol.TCP);
        assertThat(v.allowed()).isTrue();
        assertThat(v.egress().isolated()).isFalse();
        assertThat(v.egress().ignoredRules()).containsExactly(new PolicyId("shop", "api"));
    }

    @Test
    @DisplayName("podSelector peer alone only matches pods in the policy's namespace")
    void podSelectorPeerIsSameNamespace() {
        PolicyEngine e = engine("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: api-in, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: api}}
                  ingress: [{from: [{podSelector: {matchLabels: {app: prom}}}]}]
                """);
        Verdict v = e.evaluate(mon, api, 9090, Protocol.TCP);
        assertThat(v.allowed()).isFalse();
        assertThat(v.ingress().checks().get(0).peerMisses()).singleElement()
                .isEqualTo(new PeerMiss(0, PeerClause.POLICY_NAMESPACE, "shop", "monitoring"));
    }

    @Test
    @DisplayName("namespaceSelector alone matches all pods of matching namespaces; the trace names the namespace labels")
    void namespaceSelectorAlone() {
        PolicyEngine e = engine("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: api-in, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: api}}
                  ingress: [{from: [{namespaceSelector: {matchLabels: {purpose: monitoring}}}]}]
                """);
        assertThat(e.allows(mon, api, 9090, Protocol.TCP)).isTrue();
        Verdict v = e.evaluate(web, api, 8080, Protocol.TCP);
        PeerMiss miss = v.ingress().checks().get(0).peerMisses().get(0);
        assertThat(miss.clause()).isEqualTo(PeerClause.NAMESPACE_SELECTOR);
        assertThat(miss.wanted()).isEqualTo("purpose=monitoring");
        assertThat(miss.actual()).contains("kubernetes.io/metadata.name=shop").contains("team=shop");
    }

    @Test
    @DisplayName("a selector on the label 'name' does not match: only kubernetes.io/metadata.name is automatic")
    void nameLabelIsNotAutomatic() {
        PolicyEngine e = engine("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: web-egress, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  policyTypes: [Egress]
                  egress:
                  - to: [{namespaceSelector: {matchLabels: {name: kube-system}}}]
                    ports: [{port: 53, protocol: UDP}]
                """);
        assertThat(e.allows(web, dns, 53, Protocol.UDP)).isFalse();
    }

    @Test
    @DisplayName("named ports resolve against the destination pod, per pod and protocol")
    void namedPortsResolveOnDestination() {
        PolicyEngine e = engine("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: http-only, namespace: shop}
                spec:
                  podSelector: {}
                  ingress: [{ports: [{port: http}]}]
                """);
        assertThat(e.allows(mon, api, 8080, Protocol.TCP)).as("api's http is 8080").isTrue();
        assertThat(e.allows(mon, web, 80, Protocol.TCP)).as("web's http is 80").isTrue();
        assertThat(e.allows(mon, web, 8080, Protocol.TCP)).as("8080 is not web's http").isFalse();
        assertThat(e.allows(mon, api, 8080, Protocol.UDP)).as("http is declared on TCP").isFalse();
        Verdict v = e.evaluate(mon, db, 5432, Protocol.TCP);
        assertThat(v.ingress().checks().get(0).portDetail()).isEqualTo("shop/db declares no TCP port named http");
    }

    @Test
    @DisplayName("egress named ports also resolve on the destination pod, and never match an external endpoint")
    void egressNamedPorts() {
        PolicyEngine e = engine("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: web-out, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  policyTypes: [Egress]
                  egress: [{ports: [{port: pg}]}]
                """);
        assertThat(e.allows(web, db, 5432, Protocol.TCP)).isTrue();
        assertThat(e.allows(web, api, 5432, Protocol.TCP)).as("api has no port named pg").isFalse();
        assertThat(e.allows(web, internet, 5432, Protocol.TCP)).isFalse();
    }

    @Test
    @DisplayName("endPort makes an inclusive range; ports outside it do not match")
    void endPortRange() {
        PolicyEngine e = engine("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: range, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  policyTypes: [Egress]
                  egress: [{ports: [{port: 30000, endPort: 32767}]}]
                """);
        assertThat(e.allows(web, internet, 30000, Protocol.TCP)).isTrue();
        assertThat(e.allows(web, internet, 32767, Protocol.TCP)).isTrue();
        assertThat(e.allows(web, internet, 31000, Protocol.TCP)).isTrue();
        assertThat(e.allows(web, internet, 29999, Protocol.TCP)).isFalse();
        assertThat(e.allows(web, internet, 32768, Protocol.TCP)).isFalse();
        assertThat(e.evaluate(web, internet, 29999, Protocol.TCP).egress().checks().get(0).portsWanted()).isEqualTo("30000-32767/TCP");
    }

    @Test
    @DisplayName("protocol defaults to TCP; UDP and SCTP must be named")
    void protocolDefaultsToTcp() {
        PolicyEngine e = engine("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: dns, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  policyTypes: [Egress]
                  egress: [{ports: [{port: 53}, {port: 5000, protocol: SCTP}]}]
                """);
        assertThat(e.allows(web, dns, 53, Protocol.TCP)).isTrue();
        assertThat(e.allows(web, dns, 53, Protocol.UDP)).isFalse();
        assertThat(e.allows(web, internet, 5000, Protocol.SCTP)).isTrue();
        assertThat(e.allows(web, internet, 5000, Protocol.TCP)).isFalse();
    }

    @Test
    @DisplayName("a port entry without port matches every port of its protocol")
    void protocolOnlyPort() {
        PolicyEngine e = engine("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: udp, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  policyTypes: [Egress]
                  egress: [{ports: [{protocol: UDP}]}]
                """);
        assertThat(e.allows(web, dns, 53, Protocol.UDP)).isTrue();
        assertThat(e.allows(web, internet, 9999, Protocol.UDP)).isTrue();
        assertThat(e.allows(web, internet, 80, Protocol.TCP)).isFalse();
    }

    @Test
    @DisplayName("ipBlock with except applies to external endpoints: metadata blocked, internet allowed")
    void ipBlockExternal() {
        PolicyEngine e = engine("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: no-metadata, namespace: shop}
                spec:
                  podSelector: {}
                  policyTypes: [Egress]
                  egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}]}]
                """);
        assertThat(e.allows(web, internet, 443, Protocol.TCP)).isTrue();
        Verdict v = e.evaluate(web, metadata, 80, Protocol.TCP);
        assertThat(v.allowed()).isFalse();
        assertThat(v.egress().checks().get(0).peerMisses()).singleElement()
                .satisfies(m -> assertThat(m.clause()).isEqualTo(PeerClause.IP_BLOCK_EXCEPT));
        assertThat(v.cniDependent()).isFalse();
    }

    @Test
    @DisplayName("ipBlock against a cluster pod uses its IP when known, and the verdict is marked CNI-dependent")
    void ipBlockPodIsCniDependent() {
        PolicyEngine e = engine("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: cidr, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: db}}
                  ingress: [{from: [{ipBlock: {cidr: 10.42.0.0/24}}]}]
                """);
        Verdict inside = e.evaluate(api, db, 5432, Protocol.TCP);
        assertThat(inside.allowed()).isTrue();
        assertThat(inside.cniDependent()).isTrue();
        Verdict outside = e.evaluate(mon, db, 5432, Protocol.TCP);
        assertThat(outside.allowed()).isFalse();
        assertThat(outside.cniDependent()).isTrue();
    }

    @Test
    @DisplayName("ipBlock cannot match a pod whose IP is unknown, and says so")
    void ipBlockUnknownIp() {
        PodInfo noIp = pod("shop/batch", labels("app", "batch"), null);
        Topology t = new Topology(List.of(), List.of(noIp, db));
        PolicyEngine e = PolicyEngine.compile(t, policies("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: cidr, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: db}}
                  ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}}]}]
                """));
        Verdict v = e.evaluate(noIp, db, 5432, Protocol.TCP);
        assertThat(v.allowed()).isFalse();
        assertThat(v.ingress().checks().get(0).peerMisses().get(0).clause()).isEqualTo(PeerClause.IP_UNKNOWN);
    }

    @Test
    @DisplayName("selectors never match an endpoint outside the cluster")
    void selectorsDoNotMatchExternals() {
        PolicyEngine e = engine("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: all-ns, namespace: shop}
                spec:
                  podSelector: {}
                  policyTypes: [Egress]
                  egress: [{to: [{namespaceSelector: {}}]}]
                """);
        assertThat(e.allows(web, mon, 9090, Protocol.TCP)).isTrue();
        Verdict v = e.evaluate(web, internet, 443, Protocol.TCP);
        assertThat(v.allowed()).isFalse();
        assertThat(v.egress().checks().get(0).peerMisses().get(0).clause()).isEqualTo(PeerClause.NOT_A_POD);
    }

    @Test
    @DisplayName("traffic from outside the cluster is judged only by the destination's ingress")
    void externalSource() {
        PolicyEngine e = engine(DENY_INGRESS);
        Verdict v = e.evaluate(internet, web, 80, Protocol.TCP);
        assertThat(v.allowed()).isFalse();
        assertThat(v.egress().appliesToPod()).isFalse();
        assertThat(e.allows(internet, mon, 9090, Protocol.TCP)).isTrue();
    }

    @Test
    @DisplayName("a port mismatch is reported with the rule's ports")
    void portMismatchTrace() {
        PolicyEngine e = engine("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: db, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: db}}
                  ingress: [{from: [{podSelector: {matchLabels: {app: api}}}], ports: [{port: 5433}, {port: pg, protocol: UDP}]}]
                """);
        RuleCheck c = e.evaluate(api, db, 5432, Protocol.TCP).ingress().checks().get(0);
        assertThat(c.peerMatched()).isTrue();
        assertThat(c.portMatched()).isFalse();
        assertThat(c.portsWanted()).isEqualTo("5433/TCP, pg/UDP");
    }

    @Test
    @DisplayName("two policies with the same namespace and name are rejected")
    void duplicatePolicies() {
        String p = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: same, namespace: shop}
                spec: {podSelector: {}}
                """;
        assertThatThrownBy(() -> engine(p, p)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shop/same");
    }

    @Test
    @DisplayName("analyze enumeration: ordered pairs of distinct pods, each declared port of the destination, sorted")
    void enumeration() {
        PolicyEngine e = engine(DENY_INGRESS);
        List<String> seen = new java.util.ArrayList<>();
        long n = e.forEachPodConnection((s, d, port, proto, allowed) -> seen.add(s.id() + ">" + d.id() + ":" + port + "/" + proto + "=" + allowed));
        // 5 pods; ports: web 1, api 2, db 1, dns 2 (53 UDP and 53 TCP), prom 1 = 7; each pod is a source for all others' ports.
        assertThat(n).isEqualTo(4L * 7);
        assertThat(seen).first().isEqualTo("kube-system/coredns>monitoring/prom:9090/TCP=true");
        assertThat(seen).contains("kube-system/coredns>shop/db:5432/TCP=false", "shop/web>kube-system/coredns:53/TCP=true",
                "shop/web>kube-system/coredns:53/UDP=true");
        assertThat(seen).isSorted();
    }
}
