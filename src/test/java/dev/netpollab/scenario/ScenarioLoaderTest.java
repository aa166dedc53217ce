package dev.netpollab.scenario;

import dev.netpollab.policy.Protocol;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.netpollab.scenario.ScenarioTexts.VALID;
import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of loader error, each located by file, line and field path, and the valid case. */
class ScenarioLoaderTest {
    @TempDir
    Path dir;

    private ScenarioLibrary load(String text) throws IOException {
        return ScenarioTexts.load(dir, text);
    }

    private List<String> problems(String text) throws IOException {
        return ScenarioTexts.problems(dir, text);
    }

    @Test
    @DisplayName("svc:default/kubernetes is every cluster's Service: 443/TCP only, and only when the world declares its API server")
    void apiService() throws IOException {
        String probe = "  - {from: shop/frontend, to: svc:default/kubernetes, port: 443, allowed: false}\nrules:";
        assertThat(problems(VALID.replace("rules:", probe))).singleElement().asString()
                .contains("expect[3].to: svc:default/kubernetes leads to the API server: declare it in world.externals as {name: apiserver");
        String withApiServer = VALID.replace("    - {name: metadata, ip: 169.254.169.254, ports: [80]}",
                "    - {name: metadata, ip: 169.254.169.254, ports: [80]}\n    - {name: apiserver, ip: 198.51.100.100, ports: [6443]}");
        ScenarioLibrary lib = load(withApiServer.replace("rules:", probe));
        assertThat(lib.problems()).isEmpty();
        assertThat(lib.scenarios().get(0).expect().get(3).to()).isEqualTo(new Target.Service("default", "kubernetes"));
        assertThat(problems(withApiServer.replace("rules:", probe.replace("port: 443", "port: 6443")))).singleElement().asString()
                .contains("expect[3].port: service default/kubernetes has no port 6443/TCP; it serves 443/TCP");
    }

    @Test
    @DisplayName("a valid scenario loads with its world, implicit coredns, policies and expectations")
    void valid() throws IOException {
        ScenarioLibrary lib = load(VALID);
        assertThat(lib.problems()).isEmpty();
        Scenario s = lib.require("tiny-shop");
        assertThat(s.world().pod("kube-system/coredns")).get().satisfies(p -> {
            assertThat(p.labels()).containsEntry("k8s-app", "kube-dns");
            assertThat(p.serves(53, Protocol.UDP)).isTrue();
            assertThat(p.serves(53, Protocol.TCP)).isTrue();
            assertThat(p.serves(9153, Protocol.TCP)).as("CoreDNS's metrics port, as a real one serves").isTrue();
        });
        assertThat(s.brokenPolicies()).singleElement().extracting(np -> np.getMetadata().getName()).isEqualTo("db-ingress");
        assertThat(s.expect()).hasSize(3);
        assertThat(s.expect().get(1).fromPattern()).isTrue();
        assertThat(s.expect().get(2).to()).isEqualTo(new Target.Service("shop", "db"));
        assertThat(s.rules()).isEqualTo(new Rules(List.of("shop"), true));
    }

    @Test
    @DisplayName("unknown fields are errors with a did-you-mean suggestion and their line")
    void unknownField() throws IOException {
        assertThat(problems(VALID.replace("expect:", "expct:"))).contains(
                "s.yaml:35:1: scenario tiny-shop: expct: unknown field \"expct\" (did you mean \"expect\"?)",
                "s.yaml:1:1: scenario tiny-shop: expect: Required value");
        assertThat(problems(VALID.replace("    - {name: metadata, ip:", "    - {nmae: metadata, ip:")))
                .anySatisfy(p -> assertThat(p).contains("world.externals[0].nmae: unknown field \"nmae\" (did you mean \"name\"?)"));
    }

    @Test
    @DisplayName("required fields and enumerations name the field path")
    void requiredAndEnums() throws IOException {
        assertThat(problems(VALID.replace("  title: Tiny shop\n", "").replace("difficulty: easy", "difficulty: trivial")))
                .contains("s.yaml:3:1: scenario tiny-shop: metadata.title: Required value")
                .anySatisfy(p -> assertThat(p).contains("metadata.difficulty: Unsupported value: \"trivial\""));
        assertThat(problems(VALID.replace("id: tiny-shop", "id: Tiny_Shop"))).anySatisfy(p -> assertThat(p).contains("must be kebab-case"));
    }

    @Test
    @DisplayName("expectations must name pods, services and externals that exist, with ports they declare")
    void references() throws IOException {
        String text = VALID.replace("{from: shop/frontend, to: shop/db, port: 5432, allowed: true}",
                        "{from: shop/frontnd, to: shop/db, port: 5432, allowed: true}")
                .replace("{from: shop/frontend, to: svc:shop/db, port: 5432, allowed: true}",
                        "{from: shop/frontend, to: svc:shop/dbb, port: 5432, allowed: true}")
                .replace("rules:", "  - {from: prod/*, to: ext:metadata, port: 80, allowed: false}\n"
                        + "  - {from: shop/db, to: ext:metadata, port: 443, allowed: false}\nrules:");
        assertThat(problems(text)).containsExactly(
                "s.yaml:36:6: scenario tiny-shop: expect[0].from: no pod \"shop/frontnd\" in the world (did you mean \"shop/frontend\"?)",
                "s.yaml:38:27: scenario tiny-shop: expect[2].to: no service \"shop/dbb\" in world.services (did you mean \"shop/db\"?)",
                "s.yaml:39:6: scenario tiny-shop: expect[3].from: namespace \"prod\" is not part of the world",
                "s.yaml:40:39: scenario tiny-shop: expect[4].port: external metadata serves no port 443; it serves [80]");
    }

    @Test
    @DisplayName("an expectation to a port the pod does not declare is an error")
    void undeclaredPort() throws IOException {
        assertThat(problems(VALID.replace("{from: shop/frontend, to: shop/db, port: 5432, allowed: true}",
                "{from: shop/frontend, to: shop/db, port: 5432, protocol: UDP, allowed: true}")))
                .anySatisfy(p -> assertThat(p).contains("expect[0].port: pod shop/db declares no port 5432/UDP; it serves [5432/TCP (pg)]"));
    }

    @Test
    @DisplayName("embedded policies are validated like the API server, located on the scenario file's own lines")
    void invalidBrokenPolicy() throws IOException {
        String text = VALID.replace("      - from:\n          - podSelector: {matchLabels: {app: frontendd}}",
                "      - from:\n          - ipBlock: {cidr: 10.0.0/8}");
        assertThat(problems(text)).containsExactly(
                "s.yaml:34:23: broken: NetworkPolicy shop/db-ingress: spec.ingress[0].from[0].ipBlock.cidr: Invalid value: \"10.0.0/8\": "
                        + "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
    }

    @Test
    @DisplayName("embedded policies must be NetworkPolicies in namespaces of the world")
    void policyNamespaces() throws IOException {
        assertThat(problems(VALID.replace("    namespace: shop\n  spec:\n    podSelector: {matchLabels: {app: db}}\n    ingress:\n      - from:\n          - podSelector: {matchLabels: {app: frontendd}}",
                "    namespace: shopp\n  spec:\n    podSelector: {matchLabels: {app: db}}\n    ingress:\n      - from:\n          - podSelector: {matchLabels: {app: frontendd}}")))
                .anySatisfy(p -> assertThat(p).contains("broken: NetworkPolicy shopp/db-ingress: metadata.namespace: namespace \"shopp\" is not part of the world (did you mean \"shop\"?)"));
        assertThat(problems(VALID.replace("solution: |\n  apiVersion: networking.k8s.io/v1\n  kind: NetworkPolicy",
                "solution: |\n  apiVersion: v1\n  kind: ConfigMap")))
                .anySatisfy(p -> assertThat(p).endsWith("s.yaml:47:3: solution: ConfigMap shop/db-ingress: only NetworkPolicy objects belong in solution, not ConfigMap"));
    }

    @Test
    @DisplayName("label values must be text, as the API server requires")
    void numericLabel() throws IOException {
        assertThat(problems(VALID.replace("labels: {team: shop}", "labels: {team: 7}")))
                .anySatisfy(p -> assertThat(p).contains("world.namespaces[0].labels.team: must be text; quote it (\"7\")"));
    }

    @Test
    @DisplayName("a pod in an undeclared namespace, and a service that selects nothing, are errors")
    void worldConsistency() throws IOException {
        assertThat(problems(VALID.replace("{name: tester, namespace: dev,", "{name: tester, namespace: dve,")
                .replace("selector: {app: db}, ports:", "selector: {app: database}, ports:")))
                .anySatisfy(p -> assertThat(p).contains("world.pods[2].namespace: namespace \"dve\" is not declared in world.namespaces (did you mean \"dev\"?)"))
                .anySatisfy(p -> assertThat(p).contains("world.services[0].selector: selects no pod of namespace shop"));
    }

    @Test
    @DisplayName("YAML syntax errors are located")
    void syntax() throws IOException {
        assertThat(problems(VALID.replace("topics: [default-deny]", "topics: [default-deny"))).singleElement().asString()
                .startsWith("s.yaml:").contains("invalid YAML");
    }

    @Test
    @DisplayName("ids are unique across all loaded directories; the second file is reported")
    void duplicateIds(@TempDir Path other) throws IOException {
        Files.writeString(dir.resolve("a.yaml"), VALID);
        Files.writeString(other.resolve("b.yaml"), VALID);
        ScenarioLibrary lib = ScenarioLibrary.loadPaths(List.of(dir, other));
        assertThat(lib.scenarios()).hasSize(1);
        assertThat(lib.problems()).singleElement().asString().contains("b.yaml").contains("metadata.id: Duplicate value: \"tiny-shop\" is already used by");
    }

    @Test
    @DisplayName("only kind: Scenario is a scenario; other Kubernetes files are ignored, unknown netpol-lab kinds reported")
    void kinds() throws IOException {
        Files.writeString(dir.resolve("pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n");
        Files.writeString(dir.resolve("odd.yaml"), "apiVersion: netpol-lab/v1\nkind: Scenaro\n");
        Files.writeString(dir.resolve("ok.yaml"), VALID);
        ScenarioLibrary lib = ScenarioLibrary.loadPaths(List.of(dir));
        assertThat(lib.scenarios()).extracting(Scenario::id).containsExactly("tiny-shop");
        assertThat(lib.problems()).singleElement().asString()
                .endsWith("odd.yaml:2:1: kind: Unsupported value: \"Scenaro\": supported values: \"Scenario\", \"ExamSet\" (did you mean \"Scenario\"?)");
    }

    @Test
    @DisplayName("an exam set must reference loaded scenarios")
    void examSets() throws IOException {
        Files.writeString(dir.resolve("s.yaml"), VALID);
        Files.createDirectories(dir.resolve("exams"));
        Files.writeString(dir.resolve("exams/m.yaml"), """
                apiVersion: netpol-lab/v1
                kind: ExamSet
                metadata: {name: m, title: Mock}
                minutes: 30
                tasks:
                  - {scenario: tiny-shop, weight: 3}
                  - {scenario: tiny-shopp}
                """);
        ScenarioLibrary lib = ScenarioLibrary.loadPaths(List.of(dir));
        assertThat(lib.exams()).isEmpty();
        assertThat(lib.problems()).singleElement().asString().contains("tasks[1].scenario: unknown scenario \"tiny-shopp\" (did you mean \"tiny-shop\"?)");
    }

    @Test
    @DisplayName("the built-in library loads from the classpath without problems")
    void builtin() {
        ScenarioLibrary lib = ScenarioLibrary.load(List.of());
        assertThat(lib.problems()).isEmpty();
        assertThat(lib.scenarios()).isNotEmpty();
        assertThat(lib.scenarios()).allSatisfy(s -> assertThat(s.source()).startsWith("builtin:scenarios/"));
    }
}
