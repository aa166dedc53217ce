package dev.netpollab.shell;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.netpollab.shell.InProcessShell.section;
import static org.assertj.core.api.Assertions.assertThat;

/** What the shell says about an attempt after reset, after a world change and after viewing the solution. */
class DrillStateTest {
    @TempDir
    Path home;

    private static final String FIX = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: default-deny-ingress, namespace: payments}
            spec: {podSelector: {}, policyTypes: [Ingress]}
            """;

    @Test
    @DisplayName("after reset, status no longer claims the earlier pass: `not since the reset`")
    void resetForgetsTheCheck() throws Exception {
        Path fix = Files.writeString(home.resolve("fix.yaml"), FIX);
        String screen = InProcessShell.run(home, """
                start default-deny-scope
                apply -f %s
                check
                status
                reset -y
                status
                quit
                """.formatted(fix));
        String before = section(screen, "status");
        assertThat(before).containsPattern("checked:  PASSED, \\d+/\\d+ probes.* met \\(100%\\)");
        String after = screen.substring(screen.indexOf("> reset -y"));
        after = section(after, "status");
        assertThat(after).contains("checked:  not since the reset").doesNotContain("PASSED");
    }

    @Test
    @DisplayName("a changed world fails with the reason first, not with a bare `4/4 expectations met (100%)`")
    void worldChangeLeadsWithWhy() throws Exception {
        String screen = InProcessShell.run(home, """
                start selector-typo
                label pod frontend -n app app=fronted --overwrite
                check
                status
                quit
                """);
        String check = section(screen, "check");
        String fail = check.lines().filter(l -> l.startsWith("FAIL")).findFirst().orElseThrow();
        // Every probe is met by the relabel; the policy itself was not repaired, which its check reports after the world.
        assertThat(fail).as("the world change fails it, and the line says so first")
                .startsWith("FAIL  the world must stay as set up, but pod app/frontend: label app changed from frontend to fronted; ")
                .endsWith(" 5/5 probes and 1/2 object checks met (86%)");
        assertThat(section(screen, "status")).contains("checked:  FAILED, the world must stay as set up, but pod app/frontend");
    }

    @Test
    @DisplayName("viewing the solution after a clean pass keeps the pass mastered (no ✓*, no question, stats count it)")
    void solutionAfterPassKeepsMastery() throws Exception {
        Path fix = Files.writeString(home.resolve("fix.yaml"), FIX);
        String screen = InProcessShell.run(home, """
                start default-deny-scope
                apply -f %s
                check
                solution
                check
                stats
                list
                quit
                """.formatted(fix));
        String solution = section(screen, "solution");
        assertThat(solution).contains("A reference solution").doesNotContain("Reveal the solution?");
        assertThat(section(screen, "stats")).containsPattern("(?m)^default-deny +1 ");
        assertThat(section(screen, "list")).containsPattern("(?m)^✓ +default-deny-scope ");
        assertThat(Files.readString(home.resolve("progress.json"))).contains("\"revealed\" : false").contains("\"passes\" : 2");
    }

    @Test
    @DisplayName("viewing the solution before passing still costs it: asked first, then ✓* once passed")
    void solutionBeforePassCounts() throws Exception {
        Path fix = Files.writeString(home.resolve("fix.yaml"), FIX);
        String screen = InProcessShell.run(home, """
                start default-deny-scope
                solution
                y
                apply -f %s
                check
                list
                quit
                """.formatted(fix));
        assertThat(section(screen, "solution")).contains("Reveal the solution?");
        assertThat(section(screen, "list")).containsPattern("(?m)^✓\\* +default-deny-scope ");
        assertThat(Files.readString(home.resolve("progress.json"))).contains("\"revealed\" : true");
    }
}
