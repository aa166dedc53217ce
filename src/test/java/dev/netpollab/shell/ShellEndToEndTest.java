package dev.netpollab.shell;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The real program, driven through a pipe as a learner's terminal would drive it. */
class ShellEndToEndTest {
    @TempDir
    Path home;

    static final String FIXED_DEFAULT_DENY = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: default-deny-ingress
              namespace: payments
            spec:
              podSelector: {}
              policyTypes: [Ingress]
            """;

    @Test
    @DisplayName("start, a failing check with its reason, apply -f a fix, a passing check, progress recorded")
    void drill() throws Exception {
        Path fix = home.resolve("fix.yaml");
        Files.writeString(fix, FIXED_DEFAULT_DENY);
        ShellProcess r = ShellProcess.run(home, Map.of(), """
                start default-deny-scope
                check
                apply -f %s
                check
                stats
                quit
                """.formatted(fix));
        String out = r.output();
        assertThat(r.exitCode()).isZero();
        assertThat(out).contains("Lab: embedded").contains("A default-deny that only denies one pod");
        int firstCheck = out.indexOf("> check");
        int applied = out.indexOf("networkpolicy.networking.k8s.io/default-deny-ingress configured");
        int secondCheck = out.indexOf("> check", firstCheck + 1);
        assertThat(firstCheck).isPositive();
        assertThat(applied).isGreaterThan(firstCheck);
        assertThat(secondCheck).isGreaterThan(applied);
        String failing = out.substring(firstCheck, applied);
        assertThat(failing).contains("✗ 1 allowed: no policy selects payments/ledger for ingress").contains("FAIL  3/7 probes and 2/3 object checks met (50%)");
        String passing = out.substring(secondCheck);
        assertThat(passing).contains("PASS  7/7 probes and 3/3 object checks met (100%)").contains("Why:").contains("A pod is isolated for ingress only when");
        assertThat(Files.readString(home.resolve("progress.json"))).contains("\"default-deny-scope\"").contains("\"passes\" : 1")
                .contains("\"attempts\" : 1");
        assertThat(home.resolve("work/default-deny-scope/payments-default-deny-ingress.yaml")).exists();
        assertThat(out).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    @DisplayName("start --variant SEED: the same exercise under other names, repeatable from its seed, graded the same way")
    void variant() throws Exception {
        ShellProcess r = ShellProcess.run(home, Map.of(), """
                start default-deny-scope --variant 7
                check
                k get ns
                start default-deny-scope --variant 7
                start default-deny-scope
                k get ns
                quit
                """);
        String out = r.output();
        assertThat(r.exitCode()).isZero();
        assertThat(out).contains("Variant 7 (`start default-deny-scope --variant 7` repeats it).");
        String first = out.substring(out.indexOf("Variant 7"), out.indexOf("> check"));
        String namespaces = first.lines().filter(l -> l.contains("Namespaces:")).findFirst().orElseThrow();
        assertThat(namespaces).doesNotContain("payments").containsAnyOf("billing", "checkout", "wallet");
        String second = out.substring(out.lastIndexOf("Variant 7"));
        assertThat(second.lines().filter(l -> l.contains("Namespaces:")).findFirst().orElseThrow()).as("same seed, same variant").isEqualTo(namespaces);
        assertThat(out).contains("FAIL  3/7 probes and 2/3 object checks met (50%)");
        String lastGet = out.substring(out.lastIndexOf("> k get ns"));
        assertThat(lastGet).as("the variant's namespaces are removed when the scenario restarts as written")
                .contains("payments").doesNotContain("billing").doesNotContain("checkout").doesNotContain("wallet");
        assertThat(out).doesNotContain("\tat ");
    }

    @Test
    @DisplayName("create -f on an existing policy is AlreadyExists; apply -f goes on past an invalid object and reports it at the end")
    void createAndPartialApply() throws Exception {
        Path two = home.resolve("two.yaml");
        Files.writeString(two, FIXED_DEFAULT_DENY.replace("default-deny-ingress", "bad").replace("podSelector: {}", "podSelector: {}\n  ingress: [{ports: [{port: 99999}]}]")
                + "---\n" + FIXED_DEFAULT_DENY.replace("default-deny-ingress", "extra"));
        Path fix = home.resolve("fix.yaml");
        Files.writeString(fix, FIXED_DEFAULT_DENY);
        ShellProcess r = ShellProcess.run(home, Map.of(), """
                start default-deny-scope
                create -f %s
                apply -f %s
                k get netpol -n payments
                quit
                """.formatted(fix, two));
        String out = r.output();
        assertThat(out).contains("Error from server (AlreadyExists): error when creating \"" + fix + "\": networkpolicies.networking.k8s.io \"default-deny-ingress\" already exists");
        String get = out.substring(out.indexOf("> k get netpol"));
        assertThat(get).contains("extra").doesNotContain("bad ");
        assertThat(out.substring(out.indexOf("> apply"), out.indexOf("> k get netpol"))).contains("networkpolicy.networking.k8s.io/extra created")
                .contains("\"bad\" is invalid");
        assertThat(out).doesNotContain("\tat ");
    }

    @Test
    @DisplayName("a k3s lab that cannot start names the failed step and offers the embedded lab; the learner continues there")
    void fallBackToEmbedded() throws Exception {
        // A Docker endpoint that refuses connections: the lab choice picks k3s, which then cannot start.
        ShellProcess r = ShellProcess.run(home, Map.of("DOCKER_HOST", "tcp://127.0.0.1:1"), """
                start default-deny-scope
                y
                check
                quit
                """);
        String out = r.output();
        assertThat(r.exitCode()).isZero();
        assertThat(out).contains("Lab: k3s").contains("The k3s lab could not start: the k3s lab needs Docker: Docker does not answer at tcp://127.0.0.1:1")
                .contains("Continue on the embedded lab").contains("Now on the embedded lab").contains("FAIL  3/7 probes and 2/3 object checks met");
        assertThat(out).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    @DisplayName("declining the embedded lab keeps the shell alive and says how to go on")
    void declineFallBack() throws Exception {
        ShellProcess r = ShellProcess.run(home, Map.of("DOCKER_HOST", "tcp://127.0.0.1:1"), """
                start default-deny-scope
                n
                list
                quit
                """);
        assertThat(r.exitCode()).isZero();
        assertThat(r.output()).contains("no lab to work on").contains("--lab embedded").contains("default-deny-scope")
                .doesNotContain("Now on the embedded lab").doesNotContain("\tat ");
    }

    @Test
    @DisplayName("apply -f - with a heredoc, and an invalid policy rejected with the API server's message")
    void heredocAndRejection() throws Exception {
        ShellProcess r = ShellProcess.run(home, Map.of(), """
                start default-deny-scope
                apply -f - <<EOF
                %s
                EOF
                kubectl apply -f - <<EOF
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: bad, namespace: payments}
                spec:
                  podSelector: {}
                  ingress: [{ports: [{port: 80, endPort: 70}]}]
                EOF
                k get netpol -n payments
                check
                quit
                """.formatted(FIXED_DEFAULT_DENY));
        assertThat(r.output()).contains("networkpolicy.networking.k8s.io/default-deny-ingress configured")
                .contains("The NetworkPolicy \"bad\" is invalid: spec.ingress[0].ports[0].endPort: Invalid value: 80: must be greater than or equal to `port`")
                .contains("PASS  7/7");
        assertThat(r.output().substring(r.output().indexOf("> k get netpol"))).doesNotContain("bad ");
    }

    @Test
    @DisplayName("edit: invalid YAML and an invalid policy re-open the editor with the error, nothing is lost, the fix is applied")
    void edit() throws Exception {
        Path state = home.resolve("editor-state");
        Path editor = home.resolve("editor.sh");
        // Round 1 breaks the YAML, round 2 sees the error comment and writes an invalid policyType,
        // round 3 sees the API message and makes the real fix.
        Files.writeString(editor, """
                #!/bin/sh
                f="$1"
                n=$(cat "%1$s" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "%1$s"
                cp "$f" "%2$s/seen-$n.yaml"
                case $n in
                  1) sed -i 's/^  policyTypes:$/  policyTypes: [/' "$f" ;;
                  2) sed -i 's/^  policyTypes: \\[$/  policyTypes:/; s/^  - Ingress$/  - Ingress\\n  - Bogus/' "$f" ;;
                  3) sed -i '/^  - Bogus$/d; /^      app: api$/d; s/^    matchLabels:$/    matchLabels: {}/' "$f" ;;
                esac
                """.formatted(state, home));
        ShellProcess r = ShellProcess.run(home, Map.of("EDITOR", "sh " + editor), """
                start default-deny-scope
                edit netpol default-deny-ingress -n payments
                check
                quit
                """);
        String out = r.output();
        assertThat(Files.readString(state).trim()).isEqualTo("3");
        assertThat(out).contains("error: edited file:").contains("invalid YAML")
                .contains("error: spec.policyTypes[1]: Unsupported value: \"Bogus\": supported values: \"Egress\", \"Ingress\"")
                .contains("networkpolicy.networking.k8s.io/default-deny-ingress edited")
                .contains("PASS  7/7");
        assertThat(Files.readString(home.resolve("seen-2.yaml"))).contains("# networkpolicies.networking.k8s.io \"default-deny-ingress\" was not valid:")
                .contains("invalid YAML").contains("policyTypes: [");
        assertThat(Files.readString(home.resolve("seen-3.yaml"))).contains("# * spec.policyTypes[1]: Unsupported value: \"Bogus\"").contains("- Bogus");
    }

    @Test
    @DisplayName("edit: leaving the editor without fixing keeps a copy of the changes and changes nothing")
    void editCancelledKeepsCopy() throws Exception {
        Path editor = home.resolve("editor.sh");
        Files.writeString(editor, "#!/bin/sh\ngrep -q 'was not valid' \"$1\" || sed -i 's/^  policyTypes:$/  policyTypes: [/' \"$1\"\n");
        ShellProcess r = ShellProcess.run(home, Map.of("EDITOR", "sh " + editor), """
                start default-deny-scope
                edit netpol default-deny-ingress -n payments
                describe netpol default-deny-ingress -n payments
                quit
                """);
        assertThat(r.output()).contains("error: Edit cancelled, no valid changes were saved.").contains("A copy of your changes has been stored to")
                .contains("PodSelector:     app=api");
        String copy = r.output().replaceAll("(?s).*A copy of your changes has been stored to \"([^\"]+)\".*", "$1");
        assertThat(Files.readString(Path.of(copy))).contains("policyTypes: [");
    }

    @Test
    @DisplayName("unknown commands, unsupported verbs and bad arguments get one clear line, and the shell goes on")
    void errors() throws Exception {
        ShellProcess r = ShellProcess.run(home, Map.of(), """
                chek
                kubectl exec web -- curl x
                start no-such-scenario
                check
                get pods -n
                get widgets
                list
                quit
                """);
        assertThat(r.output()).contains("error: unknown command `chek` (did you mean \"check\"?); type `help`")
                .contains("Error from server (NotFound): pods \"web\" not found")
                .contains("error: unknown scenario \"no-such-scenario\"")
                .contains("error: no scenario started: type `list`, then `start ID`")
                .contains("error: flag needs an argument: 'n' in -n")
                .contains("error: the server doesn't have a resource type \"widgets\"")
                .contains("default-deny-scope")
                .doesNotContain("Exception");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    @DisplayName("a corrupt progress file is kept aside and reported, never silently dropped")
    void corruptProgress() throws Exception {
        Files.writeString(home.resolve("progress.json"), "{not json");
        ShellProcess r = ShellProcess.run(home, Map.of(), "quit\n");
        assertThat(r.output()).contains("warning: ").contains("progress.json could not be read").contains("it was kept as");
        try (var files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("progress.json.corrupt-"));
        }
    }

    @Test
    @DisplayName("the coach: a one-line summary after apply, `lint` in full, and the finding next to the cell it explains")
    void coach() throws Exception {
        ShellProcess r = ShellProcess.run(home, Map.of(), """
                start dns-namespace-name-label
                apply -f - <<EOF
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: allow-dns, namespace: mobile}
                spec:
                  podSelector: {}
                  policyTypes: [Egress]
                  egress:
                  - to: [{namespaceSelector: {matchLabels: {name: system}}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
                    ports: [{port: 53}]
                EOF
                lint
                check
                quit
                """);
        String out = r.output();
        assertThat(out).contains("networkpolicy.networking.k8s.io/allow-dns configured")
                .contains("coach: 2 warnings — type `lint`")
                .contains("warning namespace-selector-matches-nothing  mobile/allow-dns spec.egress[0].to[0].namespaceSelector")
                .contains("no namespace has name=system, so this peer admits nobody.");
        String check = out.substring(out.indexOf("> check"));
        assertThat(check).contains("cannot resolve push.mobile").contains("coach dns-egress-blocked:")
                .contains("coach namespace-selector-matches-nothing:");
    }
}
