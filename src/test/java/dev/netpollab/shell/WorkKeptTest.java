package dev.netpollab.shell;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Quitting and starting again never costs the learner a policy typed into the lab or a file written in the work folder. */
class WorkKeptTest {
    @TempDir
    Path home;

    @Test
    @DisplayName("quit saves the lab's changed policies to work/ID/at-quit/; start keeps the learner's own work files in kept-TIME/")
    void quitAndStartAgainLoseNothing() throws Exception {
        String first = InProcessShell.run(home, """
                start relabelled-pod
                k apply -f - <<EOF
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: extra, namespace: x}
                spec: {podSelector: {}}
                EOF
                quit
                """);
        Path work = home.resolve("work").resolve("relabelled-pod");
        Path atQuit = work.resolve("at-quit");
        assertThat(first).contains("are saved in " + atQuit + "/").contains("k apply -f " + atQuit + "/");
        assertThat(Files.readString(atQuit.resolve("x-extra.yaml"))).contains("name: extra").doesNotContain("resourceVersion");
        assertThat(atQuit.resolve("x-quarantine.yaml")).exists();

        // The learner's own file and an edited copy of a broken policy, in the folder the shell told them to edit in.
        Files.writeString(work.resolve("my-fix.yaml"), "# mine\n");
        Path broken = work.resolve("x-quarantine.yaml");
        String original = Files.readString(broken);
        Files.writeString(broken, original.replace("quarantined", "healthy"));
        String second = InProcessShell.run(home, """
                start relabelled-pod
                k apply -f %s/
                k get netpol -n x
                quit
                """.formatted(atQuit));
        assertThat(second).contains("your own files from last time are kept in").contains("Your policies from when you last quit (`k apply -f` the folder to go on): " + atQuit + "/");
        assertThat(InProcessShell.section(second, "k get netpol -n x")).contains("extra").contains("quarantine");
        Path kept;
        try (Stream<Path> dirs = Files.list(work)) {
            kept = dirs.filter(p -> p.getFileName().toString().startsWith("kept-")).findFirst().orElseThrow();
        }
        assertThat(Files.readString(kept.resolve("my-fix.yaml"))).isEqualTo("# mine\n");
        assertThat(Files.readString(kept.resolve("x-quarantine.yaml"))).contains("healthy");
        assertThat(Files.readString(broken)).isEqualTo(original);
    }

    @Test
    @DisplayName("a learner who changed nothing in the lab gets no at-quit folder and no note")
    void nothingChangedNothingSaved() throws Exception {
        String out = InProcessShell.run(home, """
                start default-deny-scope
                k get netpol -A
                quit
                """);
        assertThat(out).doesNotContain("are saved in");
        try (Stream<Path> files = Files.list(home.resolve("work").resolve("default-deny-scope"))) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).doesNotContain("at-quit").noneMatch(n -> n.startsWith("kept-"));
        }
        assertThat(List.of(out.split("\n"))).noneMatch(l -> l.contains("note:"));
    }
}
