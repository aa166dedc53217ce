package dev.netpollab.cli;

import dev.netpollab.scenario.ScenarioTexts;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ScenarioCommandsTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("validate: ✓ per sound scenario, summary, exit 0")
    void validateGood() throws IOException {
        Files.writeString(dir.resolve("s.yaml"), ScenarioTexts.VALID);
        CliRun r = CliRun.of("validate", dir.toString(), "--no-color");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("✓ tiny-shop").contains("3/4 wrong mutants killed, 1 accepted")
                .contains("1 scenario(s), 0 exam set(s), 4 mutants: 3 killed, 0 survived, 1 accepted: all sound");
    }

    @Test
    @DisplayName("validate: a scenario whose broken state already passes, or with one hint, fails with the reason; exit 1")
    void validateBad() throws IOException {
        Files.writeString(dir.resolve("s.yaml"), ScenarioTexts.VALID.replace("app: frontendd", "app: frontend")
                .replace("  - It is misspelt.\n", ""));
        CliRun r = CliRun.of("validate", dir.toString(), "--no-color");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("✗ tiny-shop").contains("needs at least two hints, has 1")
                .contains("no target: the broken state already passes every expectation and check, so there is nothing to repair");
    }

    @Test
    @DisplayName("validate: a solution that fails an expectation names the probe and the reason")
    void validateSolutionFails() throws IOException {
        Files.writeString(dir.resolve("s.yaml"), ScenarioTexts.VALID.replace("- podSelector: {matchLabels: {app: frontend}}",
                "- namespaceSelector: {}"));
        CliRun r = CliRun.of("validate", dir.toString(), "--no-color");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("the solution fails dev/tester -> shop/db:5432/TCP: expected blocked, got allowed");
    }

    @Test
    @DisplayName("validate: load errors count as failures and are located")
    void validateLoadError() throws IOException {
        Files.writeString(dir.resolve("s.yaml"), ScenarioTexts.VALID.replace("minutes: 5", "minutes: five"));
        CliRun r = CliRun.of("validate", dir.toString(), "--no-color");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("s.yaml:8:3: scenario tiny-shop: metadata.minutes: must be a whole number, got \"five\"");
    }

    @Test
    @DisplayName("list: table and json, with instructor scenarios added by --scenarios")
    void list() throws IOException {
        Files.writeString(dir.resolve("s.yaml"), ScenarioTexts.VALID);
        CliRun t = CliRun.of("list", "--scenarios", dir.toString());
        assertThat(t.exitCode()).isZero();
        assertThat(t.out()).contains("default-deny-scope").contains("tiny-shop").contains("ID").contains("TOPICS");
        CliRun j = CliRun.of("list", "--format", "json");
        assertThat(j.out()).contains("\"id\" : \"default-deny-scope\"").contains("\"difficulty\" : \"easy\"").contains("\"minutes\" : 5");
    }

    @Test
    @DisplayName("list: the learner's progress in the table (marks and a count) and in json (a progress object per scenario)")
    void listShowsProgress() {
        System.setProperty("netpollab.home", dir.toString());
        try {
            var store = dev.netpollab.exam.ProgressStore.open();
            store.started("default-deny-scope");
            store.checked("default-deny-scope", 1.0, true, 95, 0, false);
            store.started("selector-typo");
            store.hint("selector-typo", 1);
            CliRun t = CliRun.of("list", "--no-color");
            assertThat(t.exitCode()).isZero();
            assertThat(t.out()).containsPattern("(?m)^✓ +default-deny-scope ").containsPattern("(?m)^… +selector-typo ")
                    .containsPattern("(?m)^ +dns-udp-only ").contains("1 of " + dev.netpollab.scenario.ScenarioLibrary.load(java.util.List.of()).scenarios().size() + " scenarios passed.");
            CliRun j = CliRun.of("list", "--format", "json");
            var root = tools.jackson.databind.json.JsonMapper.builder().build().readTree(j.out());
            var byId = new java.util.HashMap<String, tools.jackson.databind.JsonNode>();
            root.get("scenarios").forEach(n -> byId.put(n.get("id").asString(), n.get("progress")));
            assertThat(byId.get("default-deny-scope").get("status").asString()).isEqualTo("passed");
            assertThat(byId.get("default-deny-scope").get("mastered").asBoolean()).isTrue();
            assertThat(byId.get("default-deny-scope").get("bestSeconds").asLong()).isEqualTo(95);
            assertThat(byId.get("selector-typo").get("status").asString()).isEqualTo("started");
            assertThat(byId.get("selector-typo").get("hintsUsed").asInt()).isEqualTo(1);
            assertThat(byId.get("dns-udp-only").get("status").asString()).isEqualTo("new");
            assertThat(byId.get("dns-udp-only").get("lastScore").isNull()).isTrue();
        } finally {
            System.clearProperty("netpollab.home");
        }
    }

    @Test
    @DisplayName("check: exit 0 on pass with the explanation, 1 on fail with reasons, 2 on invalid policies")
    void check() throws IOException {
        Path fixed = dir.resolve("fixed.yaml");
        Files.writeString(fixed, """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: default-deny-ingress, namespace: payments}
                spec: {podSelector: {}, policyTypes: [Ingress]}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: api-from-web, namespace: payments}
                spec:
                  podSelector: {matchLabels: {app: api}}
                  ingress:
                  - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: web}}, podSelector: {matchLabels: {app: frontend}}}]
                    ports: [{port: http}]
                """);
        CliRun pass = CliRun.of("check", "--scenario", "default-deny-scope", "--policies", fixed.toString(), "--no-color");
        assertThat(pass.exitCode()).isZero();
        assertThat(pass.out()).contains("PASS  7/7 probes and 3/3 object checks met (100%)").contains("A pod is isolated for ingress only when");

        Path onlyDeny = dir.resolve("deny.yaml");
        Files.writeString(onlyDeny, Files.readString(fixed).substring(0, Files.readString(fixed).indexOf("---")));
        CliRun fail = CliRun.of("check", "--scenario", "default-deny-scope", "--policies", onlyDeny.toString(), "--no-color");
        assertThat(fail.exitCode()).isEqualTo(1);
        assertThat(fail.out()).contains("✗ 1 blocked: payments/api is isolated for ingress by policy payments/default-deny-ingress, which has no ingress rules")
                .contains("✗ 2 NetworkPolicy payments/api-from-web is kept unchanged: it was deleted; found payments/default-deny-ingress")
                .contains("FAIL  6/7 probes and 2/3 object checks met (80%)");

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n");
        CliRun invalid = CliRun.of("check", "--scenario", "default-deny-scope", "--policies", bad.toString());
        assertThat(invalid.exitCode()).isEqualTo(2);
        assertThat(invalid.err()).contains("bad.yaml:2:1: Pod x: only NetworkPolicy objects belong in the policies to check, not Pod");
    }

    @Test
    @DisplayName("validate: the solution must lint clean unless the scenario accepts the finding with a reason; accepted ids must be real and raised")
    void validateLint() throws IOException {
        String marker = "          - podSelector: {matchLabels: {app: frontend}}\nexplanation";
        String egressOnlyToDb = ScenarioTexts.VALID.replace(marker, "          - podSelector: {matchLabels: {app: frontend}}\n"
                + "  ---\n  apiVersion: networking.k8s.io/v1\n  kind: NetworkPolicy\n  metadata: {name: fe-out, namespace: dev}\n"
                + "  spec:\n    podSelector: {matchLabels: {app: tester}}\n    policyTypes: [Egress]\nexplanation");
        assertThat(egressOnlyToDb).contains("fe-out");
        Files.writeString(dir.resolve("s.yaml"), egressOnlyToDb);
        CliRun r = CliRun.of("validate", dir.toString(), "--no-color");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("the solution has a coach warning (warning dns-egress-blocked dev/fe-out")
                .contains("declare acceptLint: [{id: dns-egress-blocked, reason: ...}]");

        Files.writeString(dir.resolve("s.yaml"), egressOnlyToDb.replace("hints:", "acceptLint:\n  - {id: dns-egress-blocked, reason: names are not used}\nhints:"));
        assertThat(CliRun.of("validate", dir.toString()).exitCode()).isZero();

        Files.writeString(dir.resolve("s.yaml"), ScenarioTexts.VALID.replace("hints:", "acceptLint:\n  - {id: dns-egres-blocked, reason: typo}\n"
                + "  - {id: allow-all-rule, reason: not raised}\nhints:"));
        CliRun bad = CliRun.of("validate", dir.toString(), "--no-color");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.out()).contains("acceptLint names an unknown check \"dns-egres-blocked\" (did you mean \"dns-egress-blocked\"?)")
                .contains("acceptLint accepts allow-all-rule, which the solution does not raise; remove it");
    }
}
