package dev.netpollab.shell;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.netpollab.shell.InProcessShell.section;
import static org.assertj.core.api.Assertions.assertThat;

/** The coach in a drill: what the scenario accepts on purpose is neither advice nor a warning to count. */
class CoachInShellTest {
    @TempDir
    Path home;

    /** A policy the coach has nothing against: it isolates an existing pod that is already isolated. */
    private Path noop(String namespace) throws Exception {
        return Files.writeString(home.resolve("noop-" + namespace + ".yaml"), """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: noop, namespace: %s}
                spec: {podSelector: {}, policyTypes: [Ingress]}
                """.formatted(namespace));
    }

    @Test
    @DisplayName("relabelled-pod accepts dns-egress-blocked (a quarantine cuts DNS too): no `coach: 1 warning`, no DNS advice under cells")
    void acceptedFindingIsQuiet() throws Exception {
        String screen = InProcessShell.run(home, """
                start relabelled-pod
                apply -f %s
                check
                lint
                quit
                """.formatted(noop("x")));
        assertThat(section(screen, "apply -f " + noop("x"))).doesNotContain("coach:");
        assertThat(section(screen, "check")).contains("✗").doesNotContain("dns-egress-blocked").doesNotContain("DNS");
        assertThat(section(screen, "lint")).contains("accepted dns-egress-blocked").contains("by design in this scenario")
                .contains("The coach has nothing to say about these policies.");
    }

    @Test
    @DisplayName("a scenario that does not accept it still hears the warning")
    void unacceptedFindingIsCounted() throws Exception {
        String screen = InProcessShell.run(home, """
                start default-deny-egress-dns
                apply -f %s
                quit
                """.formatted(noop("shop")));
        assertThat(section(screen, "apply -f " + noop("shop"))).contains("coach: ").contains("warning");
    }
}
