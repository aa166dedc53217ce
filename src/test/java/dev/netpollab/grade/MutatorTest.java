package dev.netpollab.grade;

import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The wrong repairs generated from a reference solution: every kind the issue lists, each at its path, each valid. */
class MutatorTest {
    @TempDir
    Path dir;

    private static final String RICH = """
            apiVersion: netpol-lab/v1
            kind: Scenario
            metadata: {id: rich, title: Rich, difficulty: hard, topics: [and-or], minutes: 5}
            task: Anything.
            world:
              namespaces:
                - {name: a, labels: {team: a}}
                - {name: b}
              pods:
                - {name: x1, namespace: a, labels: {app: x, tier: web}, ports: [{port: 80}]}
                - {name: x2, namespace: a, labels: {app: x, tier: api}, ports: [{port: 80}]}
                - {name: y, namespace: b, labels: {app: y}}
            broken: |
              apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata: {name: stray, namespace: a}
              spec: {podSelector: {}, ingress: [{}]}
            expect:
              - {from: b/y, to: a/x1, port: 80, allowed: true}
            hints: [one, two]
            solution: |
              apiVersion: networking.k8s.io/v1
              kind: NetworkPolicy
              metadata: {name: p, namespace: a}
              spec:
                podSelector: {matchLabels: {app: x}}
                policyTypes: [Ingress, Egress]
                ingress:
                  - from:
                      - namespaceSelector: {matchLabels: {team: b}}
                        podSelector: {matchLabels: {app: "y"}}
                      - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: b}}
                      - podSelector: {matchLabels: {app: z}}
                    ports:
                      - {port: 80, protocol: TCP}
                      - {port: 7000, endPort: 7010}
                egress:
                  - to:
                      - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
                    ports:
                      - {port: 53, protocol: UDP}
            explanation: Anything.
            """;

    private Scenario rich() throws IOException {
        return loaded(RICH);
    }

    private Scenario loaded(String text) throws IOException {
        Files.writeString(dir.resolve("s.yaml"), text);
        ScenarioLibrary lib = ScenarioLibrary.loadPaths(List.of(dir));
        assertThat(lib.problems()).isEmpty();
        return lib.scenarios().get(0);
    }

    @Test
    @DisplayName("every kind of wrong repair the issue lists is generated, named by operator, policy and path")
    void everyOperator() throws IOException {
        List<Mutant> mutants = Mutator.mutants(rich());
        assertThat(mutants).extracting(Mutant::id).contains(
                "delete-policy a/p",
                "rename-policy a/p metadata.name",
                "widen-pod-selector a/p spec.podSelector",
                "narrow-pod-selector a/p spec.podSelector",
                "drop-policy-type a/p spec.policyTypes[0]",
                "drop-policy-type a/p spec.policyTypes[1]",
                "delete-rule a/p spec.ingress[0]",
                "delete-rule a/p spec.egress[0]",
                "drop-ports a/p spec.ingress[0].ports",
                "flip-protocol a/p spec.ingress[0].ports[0].protocol",
                "flip-protocol a/p spec.egress[0].ports[0].protocol",
                "drop-end-port a/p spec.ingress[0].ports[1].endPort",
                "widen-peer-pod-selector a/p spec.ingress[0].from[0].podSelector",
                "widen-peer-namespace-selector a/p spec.ingress[0].from[0].namespaceSelector",
                "split-and-peer a/p spec.ingress[0].from[0]",
                "merge-or-peers a/p spec.ingress[0].from[1,2]",
                "widen-ip-block a/p spec.egress[0].to[0].ipBlock.cidr",
                "drop-except a/p spec.egress[0].to[0].ipBlock.except[0]",
                "keep-removed-policy a/stray",
                "drop-peers a/p spec.ingress[0].from",
                "drop-peers a/p spec.egress[0].to",
                "drop-port-entry a/p spec.ingress[0].ports[0]",
                "drop-port-entry a/p spec.ingress[0].ports[1]",
                "add-all-namespaces a/p spec.ingress[0].from[2].namespaceSelector");
        assertThat(mutants).extracting(Mutant::id).as("one port entry is not dropped: that is drop-ports")
                .doesNotContain("drop-port-entry a/p spec.egress[0].ports[0]");
        assertThat(mutants).filteredOn(m -> m.operator().equals("drop-port-entry")).extracting(Mutant::description)
                .containsExactly("the port entry 80/TCP dropped", "the port entry 7000-7010/TCP dropped");
        assertThat(mutants).filteredOn(m -> m.id().equals("drop-peers a/p spec.egress[0].to")).singleElement()
                .satisfies(m -> assertThat(m.policies().get(0).getSpec().getEgress().get(0).getTo()).isNullOrEmpty());
        assertThat(mutants).filteredOn(m -> m.operator().equals("narrow-pod-selector")).as("app=x narrowed by tier: one per pod set")
                .extracting(Mutant::description).containsExactlyInAnyOrder("spec.podSelector narrowed with tier=api", "spec.podSelector narrowed with tier=web");
        assertThat(mutants).filteredOn(m -> m.operator().equals("widen-ip-block")).singleElement()
                .extracting(Mutant::description).isEqualTo("cidr 10.0.0.0/8 widened to 0.0.0.0/0");
    }

    @Test
    @DisplayName("an ingress rule for every port is restricted to each port its pods serve, one mutant per port; with one served port there is none")
    void restrictPorts() throws IOException {
        String allPorts = RICH.replace("        ports:\n          - {port: 80, protocol: TCP}\n          - {port: 7000, endPort: 7010}\n", "")
                .replace("{name: x2, namespace: a, labels: {app: x, tier: api}, ports: [{port: 80}]}",
                        "{name: x2, namespace: a, labels: {app: x, tier: api}, ports: [{port: 80}, {port: 53, protocol: UDP}]}");
        assertThat(Mutator.mutants(loaded(allPorts))).filteredOn(m -> m.operator().equals("restrict-ports")).extracting(Mutant::description)
                .containsExactlyInAnyOrder("the rule restricted to port 53/UDP (the other ports it opened closed)",
                        "the rule restricted to port 80/TCP (the other ports it opened closed)");
        assertThat(Mutator.mutants(loaded(allPorts.replace(", {port: 53, protocol: UDP}]}", "]}")))).noneMatch(m -> m.operator().equals("restrict-ports"));
    }

    @Test
    @DisplayName("a policy the solution changes is also mutated into a fix added beside the broken one, which stays")
    void fixBesideBroken() throws IOException {
        assertThat(Mutator.mutants(loaded(RICH.replace("metadata: {name: stray, namespace: a}", "metadata: {name: p, namespace: a}"))))
                .filteredOn(m -> m.operator().equals("fix-beside-broken")).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("fix-beside-broken a/p");
            assertThat(m.nameMatters()).isTrue();
            assertThat(m.policies()).extracting(np -> np.getMetadata().getName()).containsExactlyInAnyOrder("p-fixed", "p");
            assertThat(m.policies()).filteredOn(np -> np.getMetadata().getName().equals("p")).singleElement()
                    .satisfies(np -> assertThat(np.getSpec().getIngress().get(0).getFrom()).isNullOrEmpty());
        });
        assertThat(Mutator.mutants(rich())).as("the stray is removed by the solution, not fixed").noneMatch(m -> m.operator().equals("fix-beside-broken"));
    }

    @Test
    @DisplayName("IPv6 blocks widen and their decoy addresses are IPv6 too")
    void ipv6() throws IOException {
        Files.writeString(dir.resolve("s.yaml"), RICH.replace("cidr: 10.0.0.0/8, except: [10.1.0.0/16]", "cidr: 2001:db8::/32, except: [2001:db8:1::/48]"));
        ScenarioLibrary lib = ScenarioLibrary.loadPaths(List.of(dir));
        assertThat(lib.problems()).isEmpty();
        List<Mutant> mutants = Mutator.mutants(lib.scenarios().get(0));
        assertThat(mutants).filteredOn(m -> m.operator().equals("widen-ip-block")).singleElement()
                .extracting(Mutant::description).isEqualTo("cidr 2001:db8::/32 widened to 2001:d00:0:0:0:0:0:0/24");
        MutationSelfTest.Result r = MutationSelfTest.run(lib.scenarios().get(0));
        assertThat(r.outcomes()).hasSize(mutants.size());
    }

    @Test
    @DisplayName("a mutant changes one thing: the split peer becomes two OR peers, the merged peers one AND peer, the rest stays")
    void oneChange() throws IOException {
        Scenario s = rich();
        Mutant split = Mutator.mutants(s).stream().filter(m -> m.operator().equals("split-and-peer")).findFirst().orElseThrow();
        var from = split.policies().get(0).getSpec().getIngress().get(0).getFrom();
        assertThat(from).hasSize(4);
        assertThat(from.get(0).getPodSelector()).isNull();
        assertThat(from.get(0).getNamespaceSelector().getMatchLabels()).containsEntry("team", "b");
        assertThat(from.get(1).getNamespaceSelector()).isNull();
        assertThat(from.get(1).getPodSelector().getMatchLabels()).containsEntry("app", "y");
        Mutant merged = Mutator.mutants(s).stream().filter(m -> m.operator().equals("merge-or-peers")).findFirst().orElseThrow();
        var mergedFrom = merged.policies().get(0).getSpec().getIngress().get(0).getFrom();
        assertThat(mergedFrom).hasSize(2);
        assertThat(mergedFrom.get(1).getNamespaceSelector()).isNotNull();
        assertThat(mergedFrom.get(1).getPodSelector().getMatchLabels()).containsEntry("app", "z");
        assertThat(s.solutionPolicies().get(0).getSpec().getIngress().get(0).getFrom()).as("the solution itself is untouched").hasSize(3);
        Mutant types = Mutator.mutants(s).stream().filter(m -> m.id().equals("drop-policy-type a/p spec.policyTypes[0]")).findFirst().orElseThrow();
        assertThat(types.policies().get(0).getSpec().getPolicyTypes()).containsExactly("Egress");
    }

    @Test
    @DisplayName("a mutant is wrong when it changes a verdict or drops a name the task uses; the rest are equivalent")
    void wrongOrEquivalent() throws IOException {
        Scenario s = rich();
        MutationSelfTest.Result r = MutationSelfTest.run(s);
        assertThat(r.outcomes()).filteredOn(o -> o.mutant().operator().equals("rename-policy"))
                .singleElement().extracting(MutationSelfTest.Outcome::fate).as("the task does not name p").isEqualTo(MutationSelfTest.Fate.EQUIVALENT);
        assertThat(MutationSelfTest.mentions("Create `allow-dns` now", "allow-dns")).isTrue();
        assertThat(MutationSelfTest.mentions("the default-deny-egress policy", "default-deny")).isFalse();
        assertThat(MutationSelfTest.mentions("keep allow-dns-v2", "allow-dns")).isFalse();
    }
}
