package dev.netpollab.shell;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.netpollab.shell.InProcessShell.section;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bash around kubectl that exam candidates type without thinking: redirects, heredocs to files, cat, grep, export. */
class ShellUtilitiesTest {
    @TempDir
    Path home;

    @Test
    @DisplayName("`k get netpol NAME -o yaml > x.yaml` writes the one object (not a List, no NotFound for '>'), apply -f reads it back")
    void redirectGetToAFileAndApplyIt() throws Exception {
        Path x = home.resolve("x.yaml");
        String out = InProcessShell.run(home, """
                start relabelled-pod
                k get netpol quarantine -n x -o yaml > %1$s
                k apply -f %1$s
                k get netpol nope -n x -o yaml > %1$s
                k get netpol -n x >> %1$s
                quit
                """.formatted(x));
        String redirected = section(out, "k get netpol quarantine -n x -o yaml > " + x);
        assertThat(redirected).isBlank();
        assertThat(section(out, "k apply -f " + x)).contains("networkpolicy.networking.k8s.io/quarantine configured");
        // The error reaches the terminal (kubectl's stderr) and the file keeps what the learner had.
        assertThat(section(out, "k get netpol nope -n x -o yaml > " + x)).contains("Error from server (NotFound)")
                .doesNotContain("\">\"");
        String file = Files.readString(x);
        assertThat(file).startsWith("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n").doesNotContain("kind: List")
                .doesNotContain("Error from server");
        assertThat(file).endsWith("quarantine   " + file.substring(file.lastIndexOf("quarantine   ") + 13));
        assertThat(file).contains("NAME         POD-SELECTOR");
    }

    @Test
    @DisplayName("`cat > file <<EOF` writes what is typed, `cat file` shows it, `apply -f file` applies it")
    void catHeredocToAFile() throws Exception {
        Path f = home.resolve("allow.yaml");
        String out = InProcessShell.run(home, """
                start relabelled-pod
                cat > %1$s <<EOF
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: extra
                  namespace: x
                spec:
                  podSelector: {}
                  policyTypes: [Ingress]
                EOF
                cat %1$s
                k apply -f %1$s
                cat %2$s
                k get netpol -A | grep -i EXTRA
                k get netpol -A | grep -v extra
                k get netpol -A | sort
                quit
                """.formatted(f, home.resolve("missing.yaml")));
        assertThat(Files.readString(f)).startsWith("apiVersion: networking.k8s.io/v1\n").endsWith("policyTypes: [Ingress]\n");
        assertThat(section(out, "cat " + f)).contains("  name: extra");
        assertThat(section(out, "k apply -f " + f)).contains("networkpolicy.networking.k8s.io/extra created");
        assertThat(section(out, "cat " + home.resolve("missing.yaml"))).contains("cat: " + home.resolve("missing.yaml") + ": No such file or directory");
        assertThat(section(out, "k get netpol -A | grep -i EXTRA").strip()).startsWith("x ").contains("extra").doesNotContain("NAME")
                .doesNotContain("quarantine");
        assertThat(section(out, "k get netpol -A | grep -v extra")).contains("NAMESPACE").contains("quarantine").doesNotContain("extra");
        assertThat(section(out, "k get netpol -A | sort")).contains("only `| grep").doesNotContain("quarantine");
    }

    @Test
    @DisplayName("export do=\"--dry-run=client -o yaml\"; $do splits into words, ${VAR} works, unset variables are empty; alias adds names")
    void exportAndAlias() throws Exception {
        String out = InProcessShell.run(home, """
                start relabelled-pod
                export ns="-n x"
                echo $ns ${ns} $nothing
                k get netpol $ns
                alias kgp="kubectl get pods"
                kgp -n x -l status=healthy
                alias
                export 1bad=2
                clear
                quit
                """);
        assertThat(section(out, "echo $ns ${ns} $nothing").strip()).isEqualTo("-n x -n x");
        assertThat(section(out, "k get netpol $ns")).contains("quarantine");
        assertThat(section(out, "kgp -n x -l status=healthy")).contains("NAME").contains("b ");
        assertThat(section(out, "alias")).contains("alias kgp='kubectl get pods'");
        assertThat(section(out, "export 1bad=2")).contains("not a valid identifier");
        assertThat(section(out, "clear")).isBlank();
    }

    @Test
    @DisplayName("k apply/create -f FILE $do (--dry-run=client -o yaml) prints the object and stores nothing; =server validates")
    void dryRunWithExportedDo() throws Exception {
        Path f = home.resolve("np.yaml");
        Files.writeString(f, """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: extra, namespace: x}
                spec: {podSelector: {}, ingress: [{ports: [{port: 70000}]}]}
                """);
        Path ok = home.resolve("ok.yaml");
        Files.writeString(ok, "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: quarantine, namespace: x}\nspec: {podSelector: {}}\n");
        String out = InProcessShell.run(home, """
                start relabelled-pod
                export do="--dry-run=client -o yaml"
                k create -f %1$s $do
                k apply -f %1$s --dry-run=server
                k apply -f %2$s --dry-run=client
                k create -f %2$s --dry-run=server -o name
                k apply -f %2$s --dry-run=maybe
                k get netpol -n x
                quit
                """.formatted(f, ok));
        assertThat(section(out, "k create -f " + f + " $do")).startsWith("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n")
                .contains("  name: extra").contains("port: 70000");
        assertThat(section(out, "k apply -f " + f + " --dry-run=server")).startsWith("The NetworkPolicy \"extra\" is invalid: ")
                .contains("spec.ingress[0].ports[0].port");
        assertThat(section(out, "k apply -f " + ok + " --dry-run=client")).isEqualTo("networkpolicy.networking.k8s.io/quarantine configured (dry run)\n");
        assertThat(section(out, "k create -f " + ok + " --dry-run=server -o name")).contains("(AlreadyExists)");
        assertThat(section(out, "k apply -f " + ok + " --dry-run=maybe")).startsWith("error: Invalid dry-run value (maybe).");
        // Nothing was stored, and the quarantine policy is still the scenario's own.
        assertThat(section(out, "k get netpol -n x")).contains("quarantine   status=quarantined").doesNotContain("extra");
    }

    @Test
    @DisplayName("k run x --image=nginx -l app=x $do > pod.yaml: the generator's Pod, nothing created; attached options refused as kubectl does")
    void runDryRunToAFile() throws Exception {
        Path pod = home.resolve("pod.yaml");
        String out = InProcessShell.run(home, """
                start relabelled-pod
                export do="--dry-run=client -o yaml"
                k run tester --image=nginx -l app=tester $do > %1$s
                k run tester --image=nginx --dry-run=client
                k run tester --image=busybox --rm -it --dry-run=client -- wget -qO- a
                k get pods -A
                k apply -f %1$s -n x
                quit
                """.formatted(pod));
        assertThat(Files.readString(pod)).isEqualTo("""
                apiVersion: v1
                kind: Pod
                metadata:
                  labels:
                    app: tester
                  name: tester
                spec:
                  containers:
                  - image: nginx
                    name: tester
                    resources: {}
                  dnsPolicy: ClusterFirst
                  restartPolicy: Always
                status: {}
                """);
        assertThat(section(out, "k run tester --image=nginx --dry-run=client")).isEqualTo("pod/tester created (dry run)\n");
        assertThat(section(out, "k run tester --image=busybox --rm -it --dry-run=client -- wget -qO- a"))
                .startsWith("error: --dry-run=[server|client] can't be used with attached containers options");
        assertThat(section(out, "k get pods -A")).doesNotContain("tester");
        assertThat(section(out, "k apply -f " + pod + " -n x")).contains("pod/tester created");
    }

    @Test
    @DisplayName("the up arrow brings back `k apply -f - <<EOF`: a heredoc's lines and a y/N answer stay out of the history")
    void heredocLinesStayOutOfHistory() throws Exception {
        InProcessShell.run(home, """
                start relabelled-pod
                k apply -f - <<EOF
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: extra, namespace: x}
                spec: {podSelector: {}}
                EOF
                reset
                y
                k get netpol -n x
                quit
                """);
        List<String> history = Files.readAllLines(home.resolve("history")).stream().map(l -> l.substring(l.indexOf(':') + 1)).toList();
        assertThat(history).containsSubsequence("start relabelled-pod", "k apply -f - <<EOF", "reset", "k get netpol -n x")
                .doesNotContain("EOF", "y", "kind: NetworkPolicy");
    }

    @Test
    @DisplayName("words: aliases once, variables split like unquoted bash, redirects taken out with their file")
    void words() {
        assertThat(ShellWords.expand(List.of("k", "create", "x", "$do"), Map.of(), Map.of("do", "--dry-run=client -o yaml")::get))
                .containsExactly("k", "create", "x", "--dry-run=client", "-o", "yaml");
        assertThat(ShellWords.expand(List.of("kk", "get", "a$X.yaml"), Map.of("kk", "kubectl -n y", "get", "no"), n -> null))
                .containsExactly("kubectl", "-n", "y", "get", "a.yaml");
        // JLine leaves quotes inside a word; bash takes them off, expands in "..." without splitting, never in '...'.
        assertThat(ShellWords.expand(List.of("export", "do=\"$x -o yaml\"", "'$x'", "-o=jsonpath='{.items[*]}'"), Map.of(),
                Map.of("x", "--dry-run=client")::get))
                .containsExactly("export", "do=--dry-run=client -o yaml", "$x", "-o=jsonpath={.items[*]}");
        List<String> w = new java.util.ArrayList<>(List.of("k", "get", "po", ">>", "f", "2>/dev/null"));
        assertThat(ShellWords.redirect(w)).isEqualTo(new ShellWords.Redirect("f", true));
        assertThat(w).containsExactly("k", "get", "po");
        List<String> w2 = new java.util.ArrayList<>(List.of("k", "get", "po", ">out.yaml"));
        assertThat(ShellWords.redirect(w2)).isEqualTo(new ShellWords.Redirect("out.yaml", false));
        assertThatThrownBy(() -> ShellWords.redirect(new java.util.ArrayList<>(List.of("k", ">")))).hasMessageContaining("syntax error");
        // grep's context as GNU grep prints it: -A2 / -B 1 / -C1, groups apart joined by "--".
        List<String> lines = List.of("a", "podSelector:", "b", "c", "d", "e", "podSelector: {}", "f");
        assertThat(ShellUtilities.grep(List.of("grep", "-A1", "podSelector")).apply(lines)).containsExactly("podSelector:", "b", "--", "podSelector: {}", "f");
        assertThat(ShellUtilities.grep(List.of("grep", "-B", "1", "-i", "PODSELECTOR: {")).apply(lines)).containsExactly("e", "podSelector: {}");
        assertThat(ShellUtilities.grep(List.of("grep", "-C2", "podSelector")).apply(lines))
                .containsExactly("a", "podSelector:", "b", "c", "d", "e", "podSelector: {}", "f");
        assertThat(ShellUtilities.grep(List.of("grep", "-v", "o")).apply(lines)).containsExactly("a", "b", "c", "d", "e", "f");
        assertThatThrownBy(() -> ShellUtilities.grep(List.of("grep", "-A", "podSelector"))).hasMessageContaining("invalid context length");
        // Basic regular expressions, as grep without -E: braces and parentheses are plain, \| is alternation.
        assertThat(ShellUtilities.grep(List.of("grep", "b\\|f")).apply(lines)).containsExactly("b", "f");
        assertThat(ShellUtilities.grep(List.of("grep", "-E", "^(a|f)$")).apply(lines)).containsExactly("a", "f");
    }
}
