package dev.netpollab.policy.lint;

import dev.netpollab.policy.ContainerPortInfo;
import dev.netpollab.policy.NamespaceInfo;
import dev.netpollab.policy.PodInfo;
import dev.netpollab.policy.Protocol;
import dev.netpollab.policy.Topology;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each coach check, firing on the mistake and silent on the correct policy. */
class LinterTest {
    private static final PodInfo WEB = new PodInfo("shop", "web", Map.of("app", "web"), "10.42.0.10",
            List.of(new ContainerPortInfo("http", 8080, Protocol.TCP)));
    private static final PodInfo DB = new PodInfo("shop", "db", Map.of("app", "db"), "10.42.0.11",
            List.of(new ContainerPortInfo("pg", 5432, Protocol.TCP)));
    private static final PodInfo PROM = new PodInfo("monitoring", "prom", Map.of("app", "prom"), "10.42.1.5", List.of());
    private static final PodInfo DNS = new PodInfo("kube-system", "coredns", Map.of("k8s-app", "kube-dns"), "10.42.0.2",
            List.of(new ContainerPortInfo("dns", 53, Protocol.UDP), new ContainerPortInfo("dns-tcp", 53, Protocol.TCP)));

    private static List<Finding> lint(List<Service> services, String... yamls) {
        Topology t = new Topology(List.of(new NamespaceInfo("shop", Map.of("team", "shop")), new NamespaceInfo("monitoring", Map.of()),
                NamespaceInfo.of("kube-system")), List.of(WEB, DB, PROM, DNS));
        List<NetworkPolicy> ps = Arrays.stream(yamls).map(y -> Serialization.unmarshal(y, NetworkPolicy.class)).toList();
        return Linter.lint(new LintContext(t, ps, services));
    }

    private static List<Finding> lint(String... yamls) {
        return lint(List.of(), yamls);
    }

    private static List<String> ids(List<Finding> f) {
        return f.stream().map(Finding::id).toList();
    }

    private static final String DNS_OK = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: dns, namespace: shop}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress:
              - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
                ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]
            """;

    @Nested
    @DisplayName("1. DNS under egress isolation")
    class Dns {
        @Test
        void blockedFires() {
            List<Finding> f = lint("""
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {name: deny, namespace: shop}
                    spec: {podSelector: {}, policyTypes: [Egress]}
                    """);
            assertThat(f).singleElement().satisfies(x -> {
                assertThat(x.id()).isEqualTo("dns-egress-blocked");
                assertThat(x.meaning()).contains("shop/db, shop/web are isolated for egress");
            });
        }

        @Test
        void udpOnlyFires() {
            assertThat(ids(lint(DNS_OK.replace(", {port: 53, protocol: TCP}", "")))).containsExactly("dns-tcp-missing");
        }

        @Test
        void portWithoutProtocolFires() {
            assertThat(ids(lint(DNS_OK.replace("[{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]", "[{port: 53}]"))))
                    .containsExactly("dns-port-without-protocol");
        }

        @Test
        void tcpOnlyWithExplicitProtocolFires() {
            assertThat(ids(lint(DNS_OK.replace("{port: 53, protocol: UDP}, ", "")))).containsExactly("dns-udp-missing");
        }

        @Test
        void correctDnsRuleIsSilent() {
            assertThat(lint(DNS_OK)).isEmpty();
        }

        @Test
        void noEgressIsolationIsSilent() {
            assertThat(lint("""
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {name: in, namespace: shop}
                    spec: {podSelector: {}, policyTypes: [Ingress]}
                    """)).isEmpty();
        }
    }

    @Nested
    @DisplayName("2 and 3. policyTypes")
    class PolicyTypes {
        @Test
        void egressWithoutTypesFires() {
            assertThat(ids(lint(DNS_OK.replace("  policyTypes: [Egress]\n", "")))).containsExactly("egress-without-policytypes");
        }

        @Test
        void rulesForUnlistedDirectionFire() {
            List<Finding> f = lint(DNS_OK.replace("policyTypes: [Egress]", "policyTypes: [Ingress]"));
            assertThat(f).extracting(Finding::id).containsExactly("rules-not-enforced");
            assertThat(f.get(0).severity()).isEqualTo(Severity.ERROR);
            assertThat(f.get(0).path()).isEqualTo("spec.egress");
        }

        @Test
        void explicitTypesMatchingRulesAreSilent() {
            assertThat(lint(DNS_OK.replace("policyTypes: [Egress]", "policyTypes: [Ingress, Egress]"))).isEmpty();
        }
    }

    @Nested
    @DisplayName("4. OR that reads like AND")
    class OrAnd {
        private static final String TWO_PEERS = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: db, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: db}}
                  ingress: [{from: [{namespaceSelector: {matchLabels: {team: shop}}}, {podSelector: {matchLabels: {app: web}}}]}]
                """;

        @Test
        void separatePeersFireWithBothReadings() {
            List<Finding> f = lint(TWO_PEERS);
            assertThat(f).singleElement().satisfies(x -> {
                assertThat(x.id()).isEqualTo("or-reads-like-and");
                assertThat(x.meaning()).contains("all pods in namespaces with team=shop, OR pods with app=web in namespace shop")
                        .contains("does NOT mean pods with app=web in namespaces with team=shop");
            });
        }

        @Test
        void onePeerIsSilent() {
            assertThat(lint(TWO_PEERS.replace("}}}, {podSelector", "}}, podSelector"))).isEmpty();
        }
    }

    @Nested
    @DisplayName("5. selectors that match nothing")
    class Selectors {
        @Test
        void namespaceNameLabelFiresWithSuggestion() {
            List<Finding> f = lint(DNS_OK.replace("kubernetes.io/metadata.name: kube-system", "name: kube-system"));
            assertThat(f).extracting(Finding::id).contains("namespace-selector-matches-nothing", "dns-egress-blocked");
            assertThat(f.stream().filter(x -> x.id().equals("namespace-selector-matches-nothing")).findFirst().orElseThrow().fix())
                    .contains("kubernetes.io/metadata.name: kube-system");
        }

        @Test
        void podSelectorTypoFiresWithDidYouMean() {
            List<Finding> f = lint("""
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {name: db, namespace: shop}
                    spec:
                      podSelector: {matchLabels: {app: db}}
                      ingress: [{from: [{podSelector: {matchLabels: {app: wbe}}}]}]
                    """);
            assertThat(f).singleElement().satisfies(x -> {
                assertThat(x.id()).isEqualTo("pod-selector-matches-nothing");
                assertThat(x.fix()).startsWith("did you mean app=web?");
            });
        }

        @Test
        void policySelectingNoPodFires() {
            assertThat(ids(lint("""
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {name: x, namespace: shop}
                    spec: {podSelector: {matchLabels: {app: dbb}}, policyTypes: [Ingress]}
                    """))).containsExactly("pod-selector-matches-nothing");
        }

        @Test
        void matchingSelectorsAreSilent() {
            assertThat(lint("""
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {name: db, namespace: shop}
                    spec:
                      podSelector: {matchLabels: {app: db}}
                      ingress: [{from: [{namespaceSelector: {matchLabels: {team: shop}}, podSelector: {matchLabels: {app: web}}}]}]
                    """)).isEmpty();
        }
    }

    @Nested
    @DisplayName("6. policies where there are no pods")
    class EmptyNamespace {
        @Test
        void policyInDefaultFires() {
            List<Finding> f = lint("""
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {name: deny}
                    spec: {podSelector: {}, policyTypes: [Ingress]}
                    """);
            assertThat(f).singleElement().satisfies(x -> {
                assertThat(x.id()).isEqualTo("policy-in-empty-namespace");
                assertThat(x.meaning()).contains("namespace default has no pods").contains("-n forgotten");
            });
        }

        @Test
        void policyWithPodsIsSilent() {
            assertThat(lint("""
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {name: deny, namespace: shop}
                    spec: {podSelector: {}, policyTypes: [Ingress]}
                    """)).isEmpty();
        }
    }

    @Nested
    @DisplayName("7. allow-all next to narrower rules")
    class AllowAll {
        private static final String DENY = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny, namespace: shop}
                spec: {podSelector: {}, policyTypes: [Ingress]}
                """;
        private static final String ALLOW_ALL = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: debug, namespace: shop}
                spec: {podSelector: {}, ingress: [{}]}
                """;

        @Test
        void nextToDenyAllFires() {
            assertThat(lint(DENY, ALLOW_ALL)).singleElement().satisfies(x -> {
                assertThat(x.id()).isEqualTo("allow-all-rule");
                assertThat(x.meaning()).contains("shop/deny restrict nothing");
            });
        }

        @Test
        void aloneIsSilent() {
            assertThat(lint(ALLOW_ALL)).isEmpty();
        }
    }

    @Nested
    @DisplayName("8. ports the pods do not serve")
    class Ports {
        @Test
        void unknownNamedPortFiresWithNames() {
            List<Finding> f = lint("""
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {name: web, namespace: shop}
                    spec:
                      podSelector: {matchLabels: {app: web}}
                      ingress: [{ports: [{port: htp}]}]
                    """);
            assertThat(f).singleElement().satisfies(x -> {
                assertThat(x.id()).isEqualTo("named-port-unknown");
                assertThat(x.fix()).startsWith("did you mean http?");
            });
        }

        @Test
        void namedPortOnTheWrongProtocolFires() {
            assertThat(ids(lint("""
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {name: web, namespace: shop}
                    spec:
                      podSelector: {matchLabels: {app: web}}
                      ingress: [{ports: [{port: http, protocol: UDP}]}]
                    """))).containsExactly("named-port-unknown");
        }

        @Test
        void knownNamedPortIsSilent() {
            assertThat(lint("""
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {name: web, namespace: shop}
                    spec:
                      podSelector: {matchLabels: {app: web}}
                      ingress: [{ports: [{port: http}]}]
                    """)).isEmpty();
        }

        private final Service svc = Serialization.unmarshal("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: shop}
                spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
                """, Service.class);

        @Test
        void servicePortFires() {
            List<Finding> f = lint(List.of(svc), """
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {name: web, namespace: shop}
                    spec:
                      podSelector: {matchLabels: {app: web}}
                      ingress: [{ports: [{port: 80}]}]
                    """);
            assertThat(f).singleElement().satisfies(x -> {
                assertThat(x.id()).isEqualTo("service-port-not-target-port");
                assertThat(x.fix()).isEqualTo("allow the targetPort 8080 instead.");
            });
        }

        @Test
        void targetPortIsSilent() {
            assertThat(lint(List.of(svc), """
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {name: web, namespace: shop}
                    spec:
                      podSelector: {matchLabels: {app: web}}
                      ingress: [{ports: [{port: 8080}]}]
                    """)).isEmpty();
        }
    }

    @Nested
    @DisplayName("9. ipBlocks")
    class IpBlocks {
        private static String block(String ipBlock) {
            return """
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {name: db, namespace: shop}
                    spec:
                      podSelector: {matchLabels: {app: db}}
                      ingress: [{from: [{ipBlock: %s}]}]
                    """.formatted(ipBlock);
        }

        @Test
        void coveringPodIpsIsInfo() {
            List<Finding> f = lint(block("{cidr: 10.42.0.0/24}"));
            assertThat(f).singleElement().satisfies(x -> {
                assertThat(x.id()).isEqualTo("ipblock-covers-pods");
                assertThat(x.severity()).isEqualTo(Severity.INFO);
                assertThat(x.meaning()).contains("shop/web");
            });
        }

        @Test
        void externalRangeIsSilent() {
            assertThat(lint(block("{cidr: 203.0.113.0/24}"))).isEmpty();
            assertThat(lint(block("{cidr: 0.0.0.0/0, except: [169.254.169.254/32]}"))).isEmpty();
        }

        @Test
        void exceptCoveringEverythingFires() {
            assertThat(ids(lint(block("{cidr: 203.0.113.0/24, except: [203.0.113.0/25, 203.0.113.128/25]}"))))
                    .containsExactly("ipblock-except-covers-all");
            assertThat(lint(block("{cidr: 203.0.113.0/24, except: [203.0.113.0/25]}"))).isEmpty();
        }
    }

    @Nested
    @DisplayName("10. ports without from/to open them to every peer")
    class PortsWithoutPeers {
        private static final String WEB_PORT = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: web-in, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  policyTypes: [Ingress]
                  ingress: [{ports: [{port: 8080}]}]
                """;
        private static final String OUT_443 = DNS_OK.replace("  egress:\n", "  egress:\n  - ports: [{port: 443}]\n");

        @Test
        void ingressRuleSplitByAStrayDashFires() {
            String split = WEB_PORT.replace("ingress: [{ports: [{port: 8080}]}]", """
                    ingress:
                      - from: [{podSelector: {matchLabels: {app: db}}}]
                      - ports: [{port: 8080}]""");
            assertThat(lint(split)).singleElement().satisfies(x -> {
                assertThat(x.id()).isEqualTo("ports-without-peers");
                assertThat(x.severity()).isEqualTo(Severity.WARNING);
                assertThat(x.path()).isEqualTo("spec.ingress[1]");
                assertThat(x.meaning()).contains("no from, so every source").contains("8080/TCP")
                        .contains("With spec.ingress[0], which has from but no ports, it reads like one rule split in two by a stray dash");
                assertThat(x.fix()).isEqualTo("make it one rule: put ports under the same list item as from (no dash before ports).");
            });
        }

        @Test
        void loneIngressPortIsSilent() {
            assertThat(lint(WEB_PORT)).as("a port served to every client is common").isEmpty();
        }

        @Test
        void egressPortsWithoutToFire() {
            assertThat(OUT_443).contains("- ports: [{port: 443}]");
            assertThat(lint(OUT_443)).singleElement().satisfies(x -> {
                assertThat(x.id()).isEqualTo("ports-without-peers");
                assertThat(x.path()).isEqualTo("spec.egress[0]");
                assertThat(x.meaning()).contains("opens 443/TCP to every destination").contains("the metadata server included");
                assertThat(x.fix()).startsWith("add a to with the peers the task names");
            });
            assertThat(Linter.summary(lint(OUT_443))).isEqualTo("1 warning");
        }

        @Test
        void dnsAnywhereIsOnlyANote() {
            List<Finding> f = lint(DNS_OK.replace("  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}, "
                    + "podSelector: {matchLabels: {k8s-app: kube-dns}}}]\n    ports:", "  - ports:"));
            assertThat(f).singleElement().satisfies(x -> {
                assertThat(x.id()).isEqualTo("ports-without-peers");
                assertThat(x.severity()).isEqualTo(Severity.INFO);
            });
            assertThat(Linter.summary(f)).isEmpty();
        }

        @Test
        void portsWithPeersAreSilent() {
            assertThat(lint(WEB_PORT.replace("[{ports: [{port: 8080}]}]", "[{from: [{podSelector: {matchLabels: {app: db}}}], ports: [{port: 8080}]}]")))
                    .isEmpty();
            assertThat(lint(DNS_OK)).isEmpty();
        }

        @Test
        void unenforcedDirectionIsLeftToItsOwnCheck() {
            assertThat(ids(lint(WEB_PORT.replace("policyTypes: [Ingress]", "policyTypes: [Egress]")))).doesNotContain("ports-without-peers");
        }
    }

    @Test
    @DisplayName("the summary counts errors and warnings, not notes")
    void summary() {
        assertThat(Linter.summary(lint(DNS_OK.replace("policyTypes: [Egress]", "policyTypes: [Ingress]"),
                "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec: {podSelector: {}}")))
                .isEqualTo("1 error, 1 warning");
        assertThat(Linter.summary(List.of())).isEmpty();
    }
}
