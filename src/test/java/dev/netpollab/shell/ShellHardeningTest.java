package dev.netpollab.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shell, run as a learner runs it, facing an unwritable home, cut-short heredocs, bad ports and null labels. */
class ShellHardeningTest {
    @TempDir
    Path home;

    @Test
    void aHomeThatIsAFileIsSaidOnceTheSessionGoesOnAndNothingIsClaimedSaved() throws Exception {
        Path file = Files.writeString(home.resolve("not-a-dir"), "x");
        ShellProcess r = ShellProcess.run(file, Map.of(), """
                start default-deny-scope
                hint
                check
                quit
                """);
        assertThat(r.exitCode()).isZero();
        assertThat(r.output()).contains("warning: " + file + " is not writable").contains("FAIL  3/7 probes")
                .contains("warning: your progress could not be saved to " + file.resolve("progress.json"))
                .contains("bye — nothing of this session could be saved")
                .doesNotContain("your progress is saved").doesNotContain("SLF4J").doesNotContain("Failed to save history")
                .doesNotContain("\tat ").doesNotContain("Exception");
    }

    @Test
    void aHeredocCutShortByCtrlDAppliesNothing() throws Exception {
        ShellProcess r = ShellProcess.run(home, Map.of(), """
                start default-deny-scope
                apply -f - <<EOF
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: half-written, namespace: payments}
                spec: {podSelector: {}}
                """);
        assertThat(r.output()).contains("the input ended (Ctrl-D) before the line EOF: nothing was read, nothing changed")
                .doesNotContain("half-written created").doesNotContain("half-written configured");
    }

    @Test
    void aProbeToAPortThatCannotExistIsRefusedNotGradedBlocked() throws Exception {
        ShellProcess r = ShellProcess.run(home, Map.of(), """
                start default-deny-scope
                probe web/frontend payments/api:99999
                probe web/frontend payments/api:-1
                probe web/frontend payments/api:0
                quit
                """);
        assertThat(r.output()).contains("error: port 99999 is not between 1 and 65535").contains("error: port -1 is not between 1 and 65535")
                .contains("error: port 0 is not between 1 and 65535").doesNotContain(": blocked");
    }

    @Test
    void aNullLabelValueIsRefusedByTheApiServerAndCheckStillWorks() throws Exception {
        ShellProcess r = ShellProcess.run(home, Map.of(), """
                start default-deny-scope
                apply -f - <<EOF
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: null-label, namespace: payments}
                spec:
                  podSelector: {matchLabels: {app: null}}
                EOF
                apply -f - <<EOF
                apiVersion: v1
                kind: Pod
                metadata: {name: null-pod, namespace: payments, labels: {app:}}
                spec: {containers: [{name: c, image: x}]}
                EOF
                check
                quit
                """);
        assertThat(r.output()).contains("spec.podSelector.matchLabels: Invalid value: null").contains("metadata.labels: Invalid value: null")
                .contains("FAIL  3/7 probes").doesNotContain("internal error").doesNotContain("null-label created").doesNotContain("null-pod created");
    }

    @Test
    void anEditorAliasIsStoredAsItsValueAndAnEditorThatSavesLatin1ChangesNothing() throws Exception {
        // The editor writes a policy whose selector value is an alias (stored as "w" before), then, on a second
        // edit, bytes that are not UTF-8 (an internal error before).
        Path editor = home.resolve("editor.sh");
        Files.writeString(editor, """
                #!/bin/sh
                if [ -e "%1$s/edited-once" ]; then printf 'caf\\351: x\\n' >> "$1"; exit 0; fi
                touch "%1$s/edited-once"
                cat > "$1" <<'YAML'
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: default-deny-ingress
                  namespace: payments
                  labels: {owner: &who security}
                spec:
                  podSelector: {matchLabels: {owner: *who}}
                  policyTypes: [Ingress]
                YAML
                """.formatted(home));
        ShellProcess r = ShellProcess.run(home, Map.of("EDITOR", "sh " + editor), """
                start default-deny-scope
                edit netpol default-deny-ingress -n payments
                describe netpol default-deny-ingress -n payments
                edit netpol default-deny-ingress -n payments
                quit
                """);
        assertThat(r.output()).contains("networkpolicy.networking.k8s.io/default-deny-ingress edited").contains("PodSelector:     owner=security")
                .contains("not UTF-8 text: byte 0xE9").contains("nothing was changed").doesNotContain("internal error");
    }

    @Test
    void escapeSequencesInAScenarioNeverReachTheShellsTerminal() throws Exception {
        Path dir = Files.createDirectories(home.resolve("custom"));
        Files.copy(Path.of("src/test/resources/hostile/terminal-injection-scenario.yaml"), dir.resolve("s.yaml"));
        ShellProcess r = ShellProcess.run(home.resolve("state"), Map.of(), """
                list
                start injected-title
                hint
                describe netpol deny -n shop
                quit
                """, "--scenarios", dir.toString());
        assertThat(r.output()).contains("PASS 6/6").contains("Annotations:").doesNotContain("\u001b").doesNotContain("\u0007");
    }
}
