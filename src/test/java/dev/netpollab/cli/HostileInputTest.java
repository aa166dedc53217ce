package dev.netpollab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The hostile and unlucky inputs of issue 11, each kept as a fixture under src/test/resources/hostile: every one
 * ends with exit 0, 1 or 2 and a message that names the file, line and field; none with 70 or a trace; none is
 * silently ignored when it changes the answer.
 */
class HostileInputTest {
    private static final String H = "src/test/resources/hostile/";

    private static void noCrash(CliRun r) {
        assertThat(r.exitCode()).as(r.err()).isBetween(0, 2);
        assertThat(r.out() + r.err()).doesNotContain("internal error").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void analyzeReadsAliasesAndMergeKeysAsKubectlDoes() {
        CliRun r = CliRun.of("analyze", H + "alias-scalar.yaml", "--format", "json");
        noCrash(r);
        assertThat(r.exitCode()).isZero();
        // The policy selects app: web (the alias), so the client is admitted; read as "app: w" it selected nothing.
        assertThat(r.out()).contains("{\"src\":\"a/client\",\"dst\":\"a/web\",\"port\":80,\"protocol\":\"TCP\",\"allowed\":true}");
        CliRun m = CliRun.of("analyze", H + "alias-mapping-merge.yaml", "--format", "json");
        assertThat(m.exitCode()).as(m.err()).isZero();
        // deny-web selects {app: web, tier: front}: web only; "other" merged tier: front but app: other.
        assertThat(m.out()).contains("\"src\":\"a/other\",\"dst\":\"a/web\",\"port\":80,\"protocol\":\"TCP\",\"allowed\":false")
                .contains("\"src\":\"a/web\",\"dst\":\"a/other\",\"port\":80,\"protocol\":\"TCP\",\"allowed\":true");
    }

    @Test
    void anOctalPortIsPort80() {
        CliRun r = CliRun.of("analyze", H + "octal-port.yaml", "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"dst\":\"a/web\",\"port\":80,\"protocol\":\"TCP\",\"allowed\":true")
                .contains("\"dst\":\"a/web\",\"port\":8080,\"protocol\":\"TCP\",\"allowed\":false");
    }

    @Test
    void whatUsedToEndInInternalErrorIsNowAnInputError() {
        for (String f : new String[]{"float-port.yaml", "huge-port.yaml", "null-label.yaml", "list-items-mapping.yaml", "duplicate-key.yaml",
                "billion-laughs.yaml", "deep-nesting.yaml", "not-utf8.yaml"}) {
            CliRun r = CliRun.of("analyze", H + f);
            noCrash(r);
            assertThat(r.exitCode()).as(f + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(f).startsWith("error: " + H + f + ":");
        }
        assertThat(CliRun.of("analyze", H + "null-label.yaml").err())
                .contains(":5:17: NetworkPolicy a/web: spec.podSelector.matchLabels: Invalid value: null");
        assertThat(CliRun.of("analyze", H + "duplicate-key.yaml").err()).contains(":8:3: invalid YAML: mapping key \"ingress\" already defined at line 6");
    }

    @Test
    void devicesAndPipesAreReadOrRefusedWithAWord() {
        assumeThat(Path.of("/dev/zero")).exists();
        CliRun r = CliRun.of("analyze", "/dev/zero");
        noCrash(r);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("/dev/zero:1:1: special character U+0000 is not allowed").doesNotContain("no such file");
    }

    @Test
    void aSkippedObjectIsNamedWithWhyAndAnInputOfNothingIsRefused(@TempDir Path dir) throws IOException {
        CliRun typo = CliRun.of("analyze", H + "kind-typo.yaml");
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("kind-typo.yaml:2:1: NetworkPolicyy a/web: skipped").contains("did you mean \"NetworkPolicy\"?")
                .contains("nothing to analyze");
        CliRun old = CliRun.of("analyze", H + "old-api-version.yaml");
        assertThat(old.exitCode()).isEqualTo(2);
        assertThat(old.err()).contains("apiVersion extensions/v1beta1 is not served for NetworkPolicy").contains("use networking.k8s.io/v1");
        // Next to objects that are read, a skipped one is a warning and the rest is analyzed.
        Files.copy(Path.of(H + "kind-typo.yaml"), dir.resolve("typo.yaml"));
        Files.copy(Path.of(H + "octal-port.yaml"), dir.resolve("ok.yaml"));
        CliRun mixed = CliRun.of("analyze", dir.toString());
        assertThat(mixed.exitCode()).as(mixed.err()).isZero();
        assertThat(mixed.err()).startsWith("warning: ").contains("NetworkPolicyy a/web: skipped");
        Path empty = Files.createDirectory(dir.resolve("empty"));
        CliRun none = CliRun.of("analyze", empty.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("no YAML files").contains("nothing to analyze");
    }

    @Test
    void checkRefusesANetworkPolicyOfAnotherApiVersionInsteadOfCrashing() {
        // Found by the fuzz test: kind NetworkPolicy passed the kind check and failed a cast (rc 70).
        CliRun r = CliRun.of("check", "--scenario", "default-deny-scope", "--policies", H + "old-api-version.yaml");
        noCrash(r);
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("old-api-version.yaml:1:1: NetworkPolicy a/web: apiVersion: Unsupported value: \"extensions/v1beta1\"");
    }

    @Test
    void theSameObjectTwiceIsRefusedNamingBothPlaces() {
        CliRun r = CliRun.of("analyze", H + "deployment-shadows-pod.yaml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Deployment a/web (its pod template) stands for pod a/web, which Pod a/web at " + H
                + "deployment-shadows-pod.yaml:1 already defines");
    }

    @Test
    void directoryLinksAreFollowedOnceAndLoopsAreSkipped(@TempDir Path dir) throws IOException {
        Path real = Files.createDirectories(dir.resolve("real/sub"));
        Files.copy(Path.of(H + "octal-port.yaml"), real.resolve("world.yaml"));
        Files.createSymbolicLink(real.resolve("loop"), dir.resolve("real"));
        Path top = Files.createDirectory(dir.resolve("top"));
        Files.createSymbolicLink(top.resolve("linked"), real);
        Files.createSymbolicLink(top.resolve("again"), real);
        CliRun r = CliRun.of("analyze", top.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        // Read once although reached twice; the loop back up is skipped with a warning.
        assertThat(r.out()).contains("\"dst\":\"a/web\",\"port\":80");
        assertThat(r.err()).contains("skipped: a symbolic link back to a directory above it").doesNotContain("Duplicate");
    }

    @Test
    void anUnreadableSubDirectoryIsAnInputError(@TempDir Path dir) throws IOException {
        assumeThat(System.getProperty("user.name")).as("unreadable sub-directory not testable as root, who reads every directory").isNotEqualTo("root");
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Files.copy(Path.of(H + "octal-port.yaml"), dir.resolve("ok.yaml"));
        assumeThat(sub.toFile().setReadable(false)).isTrue();
        try {
            CliRun r = CliRun.of("analyze", dir.toString());
            noCrash(r);
            assertThat(r.exitCode()).isEqualTo(2);
            assertThat(r.err()).contains("sub: cannot read: permission denied");
        } finally {
            sub.toFile().setReadable(true);
        }
    }

    @Test
    void oneBadCustomScenarioIsSkippedWithAWarningAndTheRestWorks(@TempDir Path dir) throws IOException {
        Files.copy(Path.of(H + "bad-port-scenario.yaml"), dir.resolve("bad.yaml"));
        CliRun list = CliRun.of("list", "--scenarios", dir.toString());
        noCrash(list);
        assertThat(list.exitCode()).isZero();
        assertThat(list.err()).contains("warning: skipped: ").contains("bad.yaml:23:25:").contains("port: Invalid value: 80.5");
        assertThat(list.out()).contains("default-deny-scope");
        CliRun check = CliRun.of("check", "--scenarios", dir.toString(), "--scenario", "default-deny-scope", "--policies", H + "octal-port.yaml");
        noCrash(check);
        assertThat(check.exitCode()).isEqualTo(2);
        assertThat(check.err()).contains("only NetworkPolicy objects belong");
    }

    @Test
    void aDuplicateKeyInAScenarioIsRefusedNotSilentlyTheLastOne() {
        CliRun r = CliRun.of("validate", H + "duplicate-rule-scenario.yaml");
        noCrash(r);
        assertThat(r.out() + r.err()).contains("duplicate-rule-scenario.yaml:21:3: invalid YAML: mapping key \"worldImmutable\" already defined at line 20");
    }

    @Test
    void escapeSequencesFromAScenarioNeverReachTheTerminal(@TempDir Path dir) throws IOException {
        Files.copy(Path.of(H + "terminal-injection-scenario.yaml"), dir.resolve("s.yaml"));
        CliRun r = CliRun.of("list", "--scenarios", dir.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("injected-title").contains("PASS 6/6").doesNotContain("\u001b").doesNotContain("\u0007");
    }

    @Test
    void checkKeepsTheGradesExitCodeWhenTheReportCannotBeWritten(@TempDir Path dir) throws IOException {
        Path policies = dir.resolve("p.yaml");
        Files.writeString(policies, """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: default-deny-ingress, namespace: payments}
                spec: {podSelector: {}, policyTypes: [Ingress]}
                """);
        Path blocker = Files.writeString(dir.resolve("a-file"), "in the way");
        CliRun r = CliRun.of("check", "--scenario", "default-deny-scope", "--policies", policies.toString(), "--report",
                blocker.resolve("report").toString());
        noCrash(r);
        assertThat(r.exitCode()).as("a failed grade stays a failed grade").isEqualTo(1);
        assertThat(r.err()).contains("warning: the report could not be written to " + blocker.resolve("report"));
    }

    @Test
    void junitXmlIsWellFormedWhateverTheScenarioHolds(@TempDir Path dir) throws Exception {
        Files.copy(Path.of(H + "terminal-injection-scenario.yaml"), dir.resolve("s.yaml"));
        Path policies = dir.resolve("p.yaml");
        Files.writeString(policies, "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: \"p\", namespace: shop}\n"
                + "spec: {podSelector: {}}\n");
        Path report = dir.resolve("report");
        CliRun r = CliRun.of("check", "--scenarios", dir.toString(), "--scenario", "injected-title", "--policies", policies.toString(),
                "--report", report.toString());
        noCrash(r);
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.resolve("junit.xml").toFile());
        assertThat(doc.getDocumentElement().getAttribute("name")).contains("PASS 6/6").doesNotContain("\u001b");
        assertThat(Files.readString(report.resolve("report.md"))).doesNotContain("\u001b");
    }
}
