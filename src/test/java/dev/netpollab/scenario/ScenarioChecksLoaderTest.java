package dev.netpollab.scenario;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static dev.netpollab.scenario.ScenarioTexts.VALID;
import static org.assertj.core.api.Assertions.assertThat;

/** The scenario format's object checks, acceptMutants and the loopback refusal, as the loader reads them. */
class ScenarioChecksLoaderTest {
    @TempDir
    Path dir;

    private static final String CHECKS = """
            checks:
              - {exists: shop/db-ingress}
              - {absent: shop/allow-all, description: "the temporary allow-all is removed"}
              - {unchanged: shop/db-ingress}
              - {policy: shop/db-ingress, field: "spec.ingress[*].from[*]", count: 1}
              - {policy: shop/db-ingress, field: spec.policyTypes, equals: [Ingress]}
            rules:""";

    private ScenarioLibrary load(String text) throws IOException {
        return ScenarioTexts.load(dir, text);
    }

    private List<String> problems(String text) throws IOException {
        return ScenarioTexts.problems(dir, text);
    }

    @Test
    @DisplayName("checks load in order, each kind with its policy, path and assertion; descriptions default from the check")
    void checks() throws IOException {
        ScenarioLibrary lib = load(VALID.replace("rules:", CHECKS));
        assertThat(lib.problems()).isEmpty();
        List<PolicyCheck> checks = lib.require("tiny-shop").checks();
        assertThat(checks).extracting(PolicyCheck::describe).containsExactly(
                "NetworkPolicy shop/db-ingress exists",
                "the temporary allow-all is removed",
                "NetworkPolicy shop/db-ingress is kept unchanged",
                "shop/db-ingress spec.ingress[*].from[*] occurs 1 time",
                "shop/db-ingress spec.policyTypes is [\"Ingress\"]");
        PolicyCheck.Field count = (PolicyCheck.Field) checks.get(3);
        assertThat(count.count()).isEqualTo(1);
        assertThat(count.equals()).isNull();
        assertThat(count.path().steps()).hasSize(5);
        assertThat(((PolicyCheck.Field) checks.get(4)).equals().toString()).isEqualTo("[\"Ingress\"]");
    }

    @Test
    @DisplayName("a check names one kind, a NAMESPACE/NAME of the world, a policy of the broken state to keep, a valid path and an assertion")
    void checkErrors() throws IOException {
        assertThat(problems(VALID.replace("rules:", """
                checks:
                  - {exists: shop/a, absent: shop/b}
                  - {exists: nowhere/a}
                  - {absent: just-a-name}
                  - {unchanged: shop/not-in-broken}
                  - {policy: shop/db-ingress, field: "spec..ingress"}
                  - {policy: shop/db-ingress, field: spec.policyTypes}
                  - {exists: shop/db-ingress, equals: 1}
                  - {exsts: shop/db-ingress}
                  - {exists: shop/Bad_Name}
                  - ~
                  - {policy: shop/db-ingress, field: "spec.ingress[99999999999]", count: 0}
                rules:"""))).satisfiesExactlyInAnyOrder(
                p -> assertThat(p).contains("checks[0]: give one of exists, absent per check, not several"),
                p -> assertThat(p).contains("checks[1].exists: namespace \"nowhere\" is not part of the world"),
                p -> assertThat(p).contains("checks[2].absent: Invalid value: \"just-a-name\": write NAMESPACE/NAME of a NetworkPolicy"),
                p -> assertThat(p).contains("checks[3].unchanged: the broken state has no NetworkPolicy shop/not-in-broken to keep unchanged"),
                p -> assertThat(p).contains("checks[4].field: Invalid value: \"spec..ingress\""),
                p -> assertThat(p).contains("checks[4]: Required value: equals, count or both"),
                p -> assertThat(p).contains("checks[5]: Required value: equals, count or both"),
                p -> assertThat(p).contains("checks[6]: field, equals and count belong to a check with policy: NAMESPACE/NAME"),
                p -> assertThat(p).contains("checks[7].exsts: unknown field \"exsts\" (did you mean \"exists\"?)"),
                p -> assertThat(p).contains("checks[7]: Required value: one of exists, absent, unchanged, repaired or policy (with field)"),
                p -> assertThat(p).contains("checks[8].exists: Invalid value: \"Bad_Name\""),
                p -> assertThat(p).contains("checks[9]: must be a mapping"),
                p -> assertThat(p).contains("checks[10].field: Invalid value: \"spec.ingress[99999999999]\""));
    }

    @Test
    @DisplayName("acceptMutants entries need the mutant and a reason")
    void acceptMutants() throws IOException {
        ScenarioLibrary lib = load(VALID);
        assertThat(lib.problems()).isEmpty();
        assertThat(lib.require("tiny-shop").acceptMutants()).singleElement().satisfies(a -> {
            assertThat(a.mutant()).isEqualTo("widen-pod-selector shop/db-ingress spec.podSelector");
            assertThat(a.reason()).startsWith("The task is about who reaches the db");
        });
        String block = VALID.substring(VALID.indexOf("acceptMutants:"));
        assertThat(problems(VALID.replace(block, "acceptMutants:\n  - {mutant: x, reason: \"  \"}\n  - {mutant: y}\n")))
                .anySatisfy(p -> assertThat(p).contains("acceptMutants[0].reason: Required value: say why this wrong repair may pass"))
                .anySatisfy(p -> assertThat(p).contains("acceptMutants[1].reason: Required value"));
    }

    @Test
    @DisplayName("a probe from a pod to itself, or to a Service that selects it, is refused: loopback never meets NetworkPolicy")
    void loopbackRefused() throws IOException {
        assertThat(problems(VALID.replace("  - {from: shop/frontend, to: shop/db, port: 5432, allowed: true}",
                "  - {from: shop/db, to: shop/db, port: 5432, allowed: false}")))
                .singleElement().asString().contains("expect[0].to: the source is the destination: a pod always reaches itself");
        assertThat(problems(VALID.replace("  - {from: shop/frontend, to: svc:shop/db, port: 5432, allowed: true}",
                "  - {from: shop/db, to: svc:shop/db, port: 5432, allowed: false}")))
                .singleElement().asString().contains("expect[2].to: the source is the destination");
        // dev has one pod: "every pod of dev" to that pod would probe nothing but itself.
        assertThat(problems(VALID.replace("  - {from: dev/*, to: shop/db, port: 5432, allowed: false}",
                "  - {from: dev/*, to: dev/tester, port: 80, allowed: false}").replace("{name: tester, namespace: dev, labels: {app: tester}}",
                "{name: tester, namespace: dev, labels: {app: tester}, ports: [{port: 80}]}")))
                .singleElement().asString().contains("expect[1].from: every pod of dev/* is the destination itself");
        // With a second pod, ns/* is fine: the destination is skipped when it is graded.
        assertThat(load(VALID.replace("  - {from: shop/frontend, to: shop/db, port: 5432, allowed: true}",
                "  - {from: shop/*, to: shop/db, port: 5432, allowed: true}")).problems()).isEmpty();
    }

    @Test
    @DisplayName("no probe starts in the cluster DNS pod (a real CoreDNS has no shell or curl); kube-system/* skips it when graded")
    void noProbeFromTheDnsPod() throws IOException {
        assertThat(problems(VALID.replace("  - {from: dev/*, to: shop/db, port: 5432, allowed: false}",
                "  - {from: kube-system/coredns, to: shop/db, port: 5432, allowed: false}")))
                .singleElement().asString().contains("expect[1].from: the cluster DNS pod cannot send probes: on a real cluster it is CoreDNS");
        assertThat(problems(VALID.replace("  - {from: dev/*, to: shop/db, port: 5432, allowed: false}",
                "  - {from: kube-system/*, to: shop/db, port: 5432, allowed: false}")))
                .singleElement().asString().contains("expect[1].from: the only pod of kube-system is the cluster DNS, which cannot send probes");
        // A pod of the author's own in kube-system can: kube-system/* means that pod, never CoreDNS.
        ScenarioLibrary lib = load(VALID.replace("  - {from: dev/*, to: shop/db, port: 5432, allowed: false}",
                "  - {from: kube-system/*, to: shop/db, port: 5432, allowed: false}").replace("    - {name: tester, namespace: dev, labels: {app: tester}}",
                "    - {name: tester, namespace: dev, labels: {app: tester}}\n    - {name: agent, namespace: kube-system, labels: {app: agent}}"));
        assertThat(lib.problems()).isEmpty();
        Scenario sc = lib.require("tiny-shop");
        assertThat(dev.netpollab.grade.Grader.sources(sc, sc.expect().get(1))).containsExactly("kube-system/agent");
    }

    @Test
    @DisplayName("variants rename checks with everything else: namespaces and policy names in them follow the world")
    void variantsRenameChecks() throws IOException {
        ScenarioLibrary lib = load(VALID.replace("rules:", CHECKS).replace("hints:", "variants:\n  namespaces: {shop: [store]}\nhints:"));
        assertThat(lib.problems()).isEmpty();
        Scenario v = VariantRenderer.render(lib.require("tiny-shop"), 1);
        assertThat(v.world().namespace("store")).isPresent();
        assertThat(v.checks()).extracting(PolicyCheck::policy).containsOnly("store/db-ingress", "store/allow-all");
        assertThat(VariantRenderer.renameNamespaces(v, java.util.Map.of("store", "store-t2")).checks())
                .extracting(PolicyCheck::namespace).containsOnly("store-t2");
    }
}
