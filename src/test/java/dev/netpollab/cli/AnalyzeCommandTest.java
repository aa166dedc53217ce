package dev.netpollab.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The analyze contract: golden outputs for the three formats and --explain, and exit 2 on bad input. */
class AnalyzeCommandTest {
    private static final Path DIR = Path.of("src/test/resources/analyze");

    @ParameterizedTest(name = "--format {0}")
    @ValueSource(strings = {"table", "json", "matrix"})
    void goldenFormats(String format) throws IOException {
        CliRun r = CliRun.of("analyze", DIR.resolve("shop").toString(), "--format", format, "--no-color");
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo(Files.readString(DIR.resolve("shop." + format + ".golden")));
    }

    @Test
    @DisplayName("--explain prints the rule-by-rule trace; a named port is accepted for the destination")
    void goldenExplain() throws IOException {
        CliRun r = CliRun.of("analyze", DIR.resolve("shop").toString(), "--explain", "monitoring/prom", "shop/api:http");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo(Files.readString(DIR.resolve("shop.explain.golden")));
    }

    @Test
    @DisplayName("--scenario ID: the scenario's world with its broken policies, or with its solution (--state solution)")
    void scenario() {
        String leak = "{\"src\":\"web/frontend\",\"dst\":\"payments/ledger\",\"port\":5432,\"protocol\":\"TCP\",\"allowed\":";
        CliRun broken = CliRun.of("analyze", "--scenario", "default-deny-scope", "--format", "json");
        assertThat(broken.exitCode()).isZero();
        assertThat(broken.out()).contains(leak + "true}");
        CliRun solved = CliRun.of("analyze", "--scenario", "default-deny-scope", "--state", "solution", "--format", "json");
        assertThat(solved.out()).contains(leak + "false}");
        CliRun explain = CliRun.of("analyze", "--scenario", "default-deny-scope", "--state", "solution", "--explain", "web/frontend",
                "payments/ledger:5432");
        assertThat(explain.exitCode()).isZero();
        assertThat(explain.out()).startsWith("web/frontend -> payments/ledger:5432/TCP: BLOCKED");
    }

    @Test
    @DisplayName("--scenario: an accepted coach finding is listed as by design and not counted")
    void scenarioLint() {
        CliRun r = CliRun.of("analyze", "--scenario", "relabelled-pod", "--lint");
        assertThat(r.out()).contains("accepted dns-egress-blocked").contains("by design in this scenario: A quarantine isolates a pod completely")
                .doesNotContain("warning dns-egress-blocked").doesNotContain("1 warning");
    }

    @Test
    @DisplayName("input mistakes: PATH and --scenario together, neither, an unknown id, --explain twice: exit 2 with one line")
    void scenarioMistakes() {
        for (String[] args : new String[][]{{"analyze", DIR.resolve("shop").toString(), "--scenario", "selector-typo"}, {"analyze"},
                {"analyze", "--scenario", "selector-typ"},
                {"analyze", DIR.resolve("shop").toString(), "--explain", "a", "b:1", "--explain", "c", "d:2"}}) {
            CliRun r = CliRun.of(args);
            assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(Main.INVALID_INPUT);
            assertThat(r.err().lines()).as(String.join(" ", args)).hasSize(1);
        }
        assertThat(CliRun.of("analyze", "--scenario", "selector-typ").err())
                .isEqualTo("error: unknown scenario \"selector-typ\" (did you mean \"selector-typo\"?); `netpol-lab list` shows them all\n");
    }

    @Test
    @DisplayName("json lists every ordered pair of distinct pods and every declared port, sorted")
    void jsonContract() {
        CliRun r = CliRun.of("analyze", DIR.resolve("shop").toString(), "--format", "json");
        assertThat(r.out()).startsWith("{\"connections\":[\n")
                .contains("{\"src\":\"shop/web\",\"dst\":\"shop/db\",\"port\":5432,\"protocol\":\"TCP\",\"allowed\":false}")
                .contains("{\"src\":\"monitoring/prom\",\"dst\":\"shop/db\",\"port\":5432,\"protocol\":\"TCP\",\"allowed\":true}");
        assertThat(r.out().lines().filter(l -> l.startsWith("{\"src\"")).count()).isEqualTo(12);
    }

    @Test
    @DisplayName("invalid policies: exit 2, every problem with file, line, object and API-style field message")
    void invalidInput() {
        CliRun r = CliRun.of("analyze", DIR.resolve("invalid").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains(
                "bad.yaml:9:9: NetworkPolicy shop/bad: spec.ingress[0].from[0].ipBlock.cidr: Invalid value: \"10.0.0/8\": must be a valid CIDR",
                "bad.yaml:12:7: NetworkPolicy shop/bad: spec.ingress[0].ports[0].endPort: Invalid value: 80: must be greater than or equal to `port`",
                "bad.yaml:19:3: NetworkPolicy shop/typo: strict decoding error: unknown field \"spec.ingres\"")
                .doesNotContain("Exception", "\tat ");
    }

    @Test
    @DisplayName("YAML syntax errors and missing files are reported with their location, exit 2")
    void syntaxAndMissing(@TempDir Path tmp) throws IOException {
        Path broken = tmp.resolve("broken.yaml");
        Files.writeString(broken, "apiVersion: v1\nkind: Pod\nmetadata: {name: x\n");
        CliRun r = CliRun.of("analyze", broken.toString(), tmp.resolve("missing.yaml").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("broken.yaml:4:1: invalid YAML: expected ',' or '}', but got <stream end> (while parsing a flow mapping that starts at line 3)").contains("missing.yaml: no such file or directory");
    }

    @Test
    @DisplayName("an unknown pod in --explain or a bad flag is a one-line error, exit 2")
    void badArguments() {
        CliRun r = CliRun.of("analyze", DIR.resolve("shop").toString(), "--explain", "shop/nope", "shop/db:5432");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: no pod shop/nope in the input");
        CliRun f = CliRun.of("analyze", DIR.resolve("shop").toString(), "--format", "xml");
        assertThat(f.exitCode()).isEqualTo(2);
        assertThat(f.err()).startsWith("error: --format wants table, json or matrix, got 'xml'");
    }
}
