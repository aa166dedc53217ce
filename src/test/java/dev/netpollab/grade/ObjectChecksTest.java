package dev.netpollab.grade;

import dev.netpollab.lab.OfflineCluster;
import dev.netpollab.probe.ModelProber;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.scenario.ScenarioTexts;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Object checks graded against the policies a lab holds: exists, absent, unchanged after defaulting, field forms. */
class ObjectChecksTest {
    @TempDir
    Path dir;

    private Scenario scenario(String checks) throws IOException {
        Files.writeString(dir.resolve("s.yaml"), ScenarioTexts.VALID.replace("rules:", "checks:\n" + checks + "rules:"));
        ScenarioLibrary lib = ScenarioLibrary.loadPaths(List.of(dir));
        assertThat(lib.problems()).isEmpty();
        return lib.scenarios().get(0);
    }

    private static NetworkPolicy np(String yaml) {
        return Serialization.unmarshal(yaml, NetworkPolicy.class);
    }

    private static List<CheckResult> checks(Scenario s, NetworkPolicy... policies) {
        return new Grader().grade(s, OfflineCluster.snapshot(s, List.of(policies)), new ModelProber()).checks();
    }

    /** The broken db-ingress as it was, written differently: protocol and policyTypes spelled out, as the API server defaults them. */
    private static final NetworkPolicy BROKEN_SPELLED_OUT = np("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db-ingress, namespace: shop, resourceVersion: "7", uid: abc}
            spec:
              podSelector: {matchLabels: {app: db}}
              policyTypes: [Ingress]
              egress: []
              ingress:
                - from:
                    - podSelector: {matchLabels: {app: frontendd}, matchExpressions: []}
            """);

    private static final NetworkPolicy DNS_EGRESS = np("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: dns-egress, namespace: shop}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress: [{ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]}]
            """);

    @Test
    @DisplayName("exists: met when the policy is there; when not, it says what the learner made instead")
    void exists() throws IOException {
        Scenario s = scenario("  - {exists: shop/allow-dns}\n");
        assertThat(checks(s, DNS_EGRESS)).singleElement().satisfies(c -> {
            assertThat(c.pass()).isFalse();
            assertThat(c.label()).isEqualTo("NetworkPolicy shop/allow-dns exists");
            assertThat(c.detail()).isEqualTo("not found; found shop/dns-egress");
        });
        assertThat(checks(s, BROKEN_SPELLED_OUT, DNS_EGRESS).get(0).detail()).as("policies of the broken state are not what was made")
                .isEqualTo("not found; found shop/dns-egress");
        assertThat(checks(s).get(0).detail()).isEqualTo("not found; namespace shop has no NetworkPolicy");
        assertThat(checks(s, DNS_EGRESS, withName(DNS_EGRESS, "allow-dns"))).singleElement().extracting(CheckResult::pass).isEqualTo(true);
    }

    @Test
    @DisplayName("absent: met when no policy of that name is left; policies outside policiesOnlyIn still count as objects")
    void absent() throws IOException {
        Scenario s = scenario("  - {absent: shop/db-ingress}\n  - {absent: dev/stray}\n");
        NetworkPolicy stray = withNamespace(withName(DNS_EGRESS, "stray"), "dev");
        List<CheckResult> r = checks(s, BROKEN_SPELLED_OUT, stray);
        assertThat(r).extracting(CheckResult::pass).containsExactly(false, false);
        assertThat(r.get(0).detail()).isEqualTo("it still exists");
        assertThat(checks(s, DNS_EGRESS)).extracting(CheckResult::pass).containsExactly(true, true);
    }

    @Test
    @DisplayName("unchanged: specs are compared after defaulting, so a spelled-out copy is unchanged; a real change is named by its path")
    void unchanged() throws IOException {
        Scenario s = scenario("  - {unchanged: shop/db-ingress}\n");
        assertThat(checks(s, BROKEN_SPELLED_OUT)).singleElement().extracting(CheckResult::pass).isEqualTo(true);
        assertThat(checks(s, s.brokenPolicies().toArray(NetworkPolicy[]::new))).singleElement().extracting(CheckResult::pass).isEqualTo(true);
        List<CheckResult> changed = checks(s, s.solutionPolicies().toArray(NetworkPolicy[]::new));
        assertThat(changed).singleElement().satisfies(c -> {
            assertThat(c.pass()).isFalse();
            assertThat(c.detail()).isEqualTo("it was changed at spec.ingress[0].from[0].podSelector.matchLabels.app");
        });
        assertThat(checks(s, DNS_EGRESS).get(0).detail()).isEqualTo("it was deleted; found shop/dns-egress");
    }

    @Test
    @DisplayName("repaired: met when the named policy's spec differs from the broken one (after defaulting); a fix put beside it, a spelled-out copy or a deletion is not met")
    void repaired() throws IOException {
        Scenario s = scenario("  - {repaired: shop/db-ingress}\n");
        assertThat(checks(s, s.solutionPolicies().toArray(NetworkPolicy[]::new))).singleElement().satisfies(c -> {
            assertThat(c.pass()).isTrue();
            assertThat(c.label()).isEqualTo("NetworkPolicy shop/db-ingress is repaired in place");
        });
        NetworkPolicy fixedBeside = withName(s.solutionPolicies().get(0), "db-ingress-fixed");
        assertThat(checks(s, BROKEN_SPELLED_OUT, fixedBeside)).singleElement().satisfies(c -> {
            assertThat(c.pass()).isFalse();
            assertThat(c.detail()).isEqualTo("it is still as it was broken; the task asks to fix this policy, not to add another one beside it");
        });
        assertThat(checks(s, fixedBeside)).singleElement().satisfies(c -> {
            assertThat(c.pass()).isFalse();
            assertThat(c.detail()).startsWith("not found; found shop/db-ingress-fixed");
        });
    }

    @Test
    @DisplayName("field: equals holds for every node the path reaches (at least one), count counts them; both read the defaulted policy")
    void field() throws IOException {
        Scenario s = scenario("""
                  - {policy: shop/dns-egress, field: spec.policyTypes, equals: [Egress], description: "egress only"}
                  - {policy: shop/dns-egress, field: "spec.egress[*].ports[*]", count: 1}
                  - {policy: shop/dns-egress, field: "spec.egress[*].ports[*].protocol", equals: TCP}
                  - {policy: shop/dns-egress, field: "spec.egress[0].ports[1].port", equals: 53}
                  - {policy: shop/dns-egress, field: "spec.egress[*].to[*].ipBlock", count: 0}
                  - {policy: shop/dns-egress, field: "spec.egress[*].ports[*].endPort", equals: 60}
                  - {policy: shop/other, field: spec.policyTypes, equals: [Egress]}
                """);
        List<CheckResult> r = checks(s, DNS_EGRESS);
        assertThat(r).extracting(CheckResult::pass).containsExactly(true, false, false, true, true, false, false);
        assertThat(r.get(0).label()).isEqualTo("egress only");
        assertThat(r.get(1).detail()).isEqualTo("spec.egress[*].ports[*] occurs 2 times: [{\"port\":53,\"protocol\":\"UDP\"}, {\"port\":53,\"protocol\":\"TCP\"}]");
        assertThat(r.get(2).detail()).isEqualTo("spec.egress[*].ports[*].protocol is [\"UDP\", \"TCP\"]");
        assertThat(r.get(5).detail()).isEqualTo("spec.egress[*].ports[*].endPort is not set");
        assertThat(r.get(6).detail()).isEqualTo("no NetworkPolicy shop/other; found shop/dns-egress");
        // Defaulting: a port without protocol is TCP, and policyTypes comes from the rules, as the API server stores them.
        NetworkPolicy bare = np("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: dns-egress, namespace: shop}
                spec:
                  podSelector: {}
                  egress: [{ports: [{port: 53}]}]
                """);
        assertThat(checks(s, bare)).extracting(CheckResult::pass).containsExactly(false, true, true, false, true, false, false);
        assertThat(checks(s, bare).get(0).detail()).isEqualTo("spec.policyTypes is [\"Ingress\",\"Egress\"]");
    }

    @Test
    @DisplayName("checks are rows of the grade: a drill passes only when every check is met too")
    void rowsOfTheGrade() throws IOException {
        Scenario s = scenario("  - {exists: shop/db-ingress}\n  - {absent: shop/leftover}\n");
        NetworkPolicy selectsNothing = np("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: leftover, namespace: shop}
                spec: {podSelector: {matchLabels: {app: nothing}}, ingress: [{}]}
                """);
        Grade g = new Grader().grade(s, OfflineCluster.snapshot(s, List.of(s.solutionPolicies().get(0), selectsNothing)), new ModelProber());
        assertThat(g.failedCells()).isEmpty();
        assertThat(g.passed()).isFalse();
        assertThat(g.total()).isEqualTo(g.cells().size() + 2);
        assertThat(g.summary()).isEqualTo("3/3 probes and 1/2 object checks met (80%)");
        assertThat(String.join("\n", GradeRenderer.render(g, dev.netpollab.grade.Colors.detect(true))))
                .contains("OBJECT CHECK").contains("✗ 1   NetworkPolicy shop/leftover is gone").contains("✗ 1 NetworkPolicy shop/leftover is gone: it still exists")
                .contains("FAIL  3/3 probes and 1/2 object checks met (80%)");
    }

    private static NetworkPolicy withName(NetworkPolicy p, String name) {
        NetworkPolicy copy = dev.netpollab.scenario.KubeYaml.serialization().clone(p);
        copy.getMetadata().setName(name);
        return copy;
    }

    private static NetworkPolicy withNamespace(NetworkPolicy p, String ns) {
        NetworkPolicy copy = dev.netpollab.scenario.KubeYaml.serialization().clone(p);
        copy.getMetadata().setNamespace(ns);
        return copy;
    }
}
