package dev.netpollab.grade;

import dev.netpollab.lab.OfflineCluster;
import dev.netpollab.probe.ModelProber;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Wrong repairs a learner plausibly writes, each of which passed a library scenario until its world got a decoy or its
 * checks a row: each must now fail on the row named, while the reference solution still passes. The attempt is the
 * reference solution with some policies replaced (same name), added (new name) or deleted.
 */
class WrongRepairsTest {
    private static final ScenarioLibrary LIB = ScenarioLibrary.load(List.of());

    /**
     * @param scenario    library id
     * @param what        the mistake, in words
     * @param replace     policies (YAML, `---`-separated) that replace the solution's of the same name or are added
     * @param delete      names of solution policies the learner deleted
     * @param failingRow  a fragment of the label of the row that must fail
     */
    private record Wrong(String scenario, String what, String replace, List<String> delete, String failingRow) {
    }

    private static final String NP = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n";

    private static final List<Wrong> WRONG = List.of(
            new Wrong("metadata-except", "the internet narrowed to the one news site's /24 instead of 0.0.0.0/0 except the metadata IP", NP + """
                    metadata: {name: crawler-egress, namespace: crawler}
                    spec:
                      podSelector: {}
                      policyTypes: [Egress]
                      egress: [{to: [{ipBlock: {cidr: 198.51.100.0/24}}], ports: [{port: 80}, {port: 443}]}]
                    """, List.of(), "ext:mirror-site:443/TCP is allowed"),
            new Wrong("metadata-accessor", "deny-metadata pinned to the storage API's range", NP + """
                    metadata: {name: deny-metadata, namespace: cloud-tools}
                    spec:
                      podSelector: {}
                      policyTypes: [Egress]
                      egress: [{to: [{ipBlock: {cidr: 203.0.113.0/24}}], ports: [{port: 80}]}]
                    """, List.of(), "ext:package-mirror:80/TCP is allowed"),
            new Wrong("public-internet-only", "the internet rule pinned to the news site's range", NP + """
                    metadata: {name: crawler-egress, namespace: crawl}
                    spec:
                      podSelector: {matchLabels: {app: crawler}}
                      policyTypes: [Egress]
                      egress:
                        - to: [{ipBlock: {cidr: 203.0.113.0/24}}]
                          ports: [{port: 80}, {port: 443}]
                        - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
                          ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]
                        - to: [{podSelector: {matchLabels: {app: results}}}]
                          ports: [{port: 8080}]
                    """, List.of(), "ext:mirror-site:80/TCP is allowed"),
            new Wrong("public-internet-only", "DNS opened to every address (ports without `to`)", NP + """
                    metadata: {name: crawler-egress, namespace: crawl}
                    spec:
                      podSelector: {matchLabels: {app: crawler}}
                      policyTypes: [Egress]
                      egress:
                        - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8, 169.254.0.0/16]}}]
                          ports: [{port: 80}, {port: 443}]
                        - ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]
                        - to: [{podSelector: {matchLabels: {app: results}}}]
                          ports: [{port: 8080}]
                    """, List.of(), "ext:public-resolver:53/UDP is blocked"),
            new Wrong("namespace-lockdown", "allow-dns with ports but no `to`", NP + """
                    metadata: {name: allow-dns, namespace: payments}
                    spec:
                      podSelector: {}
                      policyTypes: [Egress]
                      egress: [{ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]}]
                    """, List.of(), "ext:public-resolver:53/UDP is blocked"),
            new Wrong("namespace-lockdown", "checkout's egress to the ledger port with no `to`", NP + """
                    metadata: {name: checkout-to-ledger, namespace: payments}
                    spec:
                      podSelector: {matchLabels: {app: checkout}}
                      policyTypes: [Egress]
                      egress: [{ports: [{port: 5432}]}]
                    """, List.of(), "storefront/cart-db:5432/TCP is blocked"),
            new Wrong("egress-only-dns", "DNS to any pod labelled kube-dns (two OR'd peers)", NP + """
                    metadata: {name: dns-only, namespace: sandbox}
                    spec:
                      podSelector: {}
                      policyTypes: [Egress]
                      egress: [{to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}}, {podSelector: {matchLabels: {k8s-app: kube-dns}}, namespaceSelector: {}}],
                                ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]}]
                    """, List.of(), "tools/dnsmasq:53/UDP is blocked"),
            new Wrong("egress-per-destination-ports", "DNS rule with ports and no `to`", NP + """
                    metadata: {name: worker-egress, namespace: jobs}
                    spec:
                      podSelector: {matchLabels: {app: worker}}
                      policyTypes: [Egress]
                      egress:
                        - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: stock}}, podSelector: {matchLabels: {app: inventory}}}]
                          ports: [{port: 8080}]
                        - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: pricing}}, podSelector: {matchLabels: {app: pricing}}}]
                          ports: [{port: 9090}]
                        - ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]
                    """, List.of(), "ext:public-resolver:53/UDP is blocked"),
            new Wrong("egress-rules-ignored", "the queue rule kept but its `to` dropped", NP + """
                    metadata: {name: scraper-lockdown, namespace: crawl}
                    spec:
                      podSelector: {matchLabels: {app: scraper}}
                      policyTypes: [Ingress, Egress]
                      egress: [{ports: [{port: 5672}]}]
                    """, List.of(), "ext:partner-broker:5672/TCP is blocked"),
            new Wrong("default-deny-egress-dns", "allow-dns created and the default-deny deleted (allow-dns isolates every pod anyway)", "",
                    List.of("default-deny-egress"), "shop/default-deny-egress is kept unchanged"),
            new Wrong("dns-port-without-protocol", "the invoicer's policy deleted (the default-deny still blocks its egress)", "",
                    List.of("invoicer-to-invoices"), "billing/invoicer-to-invoices is kept unchanged"),
            new Wrong("default-deny-scope", "a new deny-all beside the broken default-deny-ingress, which stays as it was", NP + """
                    metadata: {name: default-deny-ingress, namespace: payments}
                    spec:
                      podSelector: {matchLabels: {app: api}}
                      policyTypes: [Ingress]
                    ---
                    """ + NP + """
                    metadata: {name: deny-all-ingress, namespace: payments}
                    spec:
                      podSelector: {}
                      policyTypes: [Ingress]
                    """, List.of(), "payments/default-deny-ingress is repaired in place"),
            new Wrong("dns-udp-only", "a second policy with TCP 53 beside the UDP-only dns-only", NP + """
                    metadata: {name: dns-only, namespace: reports}
                    spec:
                      podSelector: {}
                      policyTypes: [Egress]
                      egress: [{to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}],
                                ports: [{port: 53, protocol: UDP}]}]
                    ---
                    """ + NP + """
                    metadata: {name: dns-tcp, namespace: reports}
                    spec:
                      podSelector: {}
                      policyTypes: [Egress]
                      egress: [{to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}],
                                ports: [{port: 53, protocol: TCP}]}]
                    """, List.of(), "reports/dns-only is repaired in place"),
            new Wrong("all-namespaces-peer", "every namespace but team-b (NotIn) instead of team-a's own pods", NP + """
                    metadata: {name: team-a-internal, namespace: team-a}
                    spec:
                      podSelector: {}
                      ingress: [{from: [{namespaceSelector: {matchExpressions: [{key: kubernetes.io/metadata.name, operator: NotIn, values: [team-b]}]}}]}]
                    """, List.of(), "ops/scanner -> team-a/api:8080/TCP is blocked"),
            new Wrong("another-teams-policy", "worker-access restricted to the jobs port, closing the webhooks queue used to reach", NP + """
                    metadata: {name: worker-access, namespace: orders}
                    spec:
                      podSelector: {matchLabels: {app: worker}}
                      policyTypes: [Ingress]
                      ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: queue}}}], ports: [{port: 7000}]}]
                    """, List.of(), "queue/broker -> orders/worker:8443/TCP is allowed"),
            new Wrong("leftover-allow-all", "debug-allow-all narrowed to 'every pod of vault' instead of removed", NP + """
                    metadata: {name: debug-allow-all, namespace: vault}
                    spec:
                      podSelector: {}
                      ingress: [{from: [{podSelector: {}}]}]
                    """, List.of(), "vault/agent -> vault/vault:8200/TCP is blocked"),
            new Wrong("make-the-matrix", "bank-api admits `app=web` pods of every namespace (namespaceSelector: {})", NP + """
                    metadata: {name: bank-api, namespace: bank}
                    spec:
                      podSelector: {matchLabels: {app: api}}
                      policyTypes: [Ingress]
                      ingress: [{from: [{namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}], ports: [{port: 8080}]}]
                    """, List.of(), "partner/feed -> bank/api:8080/TCP is blocked"));

    private static Grade grade(Scenario s, List<NetworkPolicy> policies) {
        return new Grader().grade(s, OfflineCluster.snapshot(s, policies), new ModelProber());
    }

    private static List<NetworkPolicy> attempt(Scenario s, Wrong w) {
        List<NetworkPolicy> out = new ArrayList<>(s.solutionPolicies().stream().filter(p -> !w.delete().contains(p.getMetadata().getName())).toList());
        if (w.replace().isBlank()) {
            return out;
        }
        for (String doc : w.replace().split("(?m)^---$")) {
            NetworkPolicy np = Serialization.unmarshal(doc, NetworkPolicy.class);
            out.removeIf(p -> p.getMetadata().getName().equals(np.getMetadata().getName()) && p.getMetadata().getNamespace().equals(np.getMetadata().getNamespace()));
            out.add(np);
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> wrongRepairsFailAndTheSolutionPasses() {
        return WRONG.stream().map(w -> DynamicTest.dynamicTest(w.scenario() + ": " + w.what(), () -> {
            Scenario s = LIB.require(w.scenario());
            assertThat(grade(s, s.solutionPolicies()).passed()).as("the reference solution").isTrue();
            Grade wrong = grade(s, attempt(s, w));
            assertThat(wrong.passed()).as(w.what()).isFalse();
            assertThat(wrong.rows()).filteredOn(r -> !r.pass()).extracting(GradeRow::label).anySatisfy(l -> assertThat(l).contains(w.failingRow()));
        }));
    }
}
