package dev.netpollab.shell;

import dev.netpollab.exam.ProgressStore;
import dev.netpollab.grade.Colors;
import dev.netpollab.lab.EmbeddedLab;
import dev.netpollab.scenario.ScenarioLibrary;
import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Tab completion for the kubectl built-ins, on a started scenario (relabelled-pod: pods a, b, c in namespace x). */
class ShellCompleterTest {
    private static Session session;
    private static ShellCompleter completer;
    private static Path home;

    @BeforeAll
    static void start() throws Exception {
        home = Files.createTempDirectory("complete");
        System.setProperty("netpollab.home", home.toString());
        session = new Session(new PrintWriter(new StringWriter()), new Colors(false), ScenarioLibrary.load(List.of()),
                LabHandle.of(EmbeddedLab.start()), new ProgressStore(home.resolve("progress.json"), Clock.systemUTC()), Clock.systemUTC());
        ShellCommands commands = new ShellCommands(session, new DrillMode("embedded"));
        commands.execute(List.of("start", "relabelled-pod"));
        completer = new ShellCompleter(session, commands);
    }

    @AfterAll
    static void stop() {
        session.labHandle().close();
        System.clearProperty("netpollab.home");
    }

    /** The candidates for a line with the cursor at its end. */
    private static List<String> complete(String line) {
        List<Candidate> out = new ArrayList<>();
        completer.complete(null, new DefaultParser().parse(line, line.length()), out);
        return out.stream().map(Candidate::value).toList();
    }

    @Test
    @DisplayName("verbs after k, flags of the verb, namespaces after -n (the standard ones too), formats after -o")
    void flagsAndNamespaces() {
        assertThat(complete("k ")).contains("get", "describe", "exec", "run", "explain", "label");
        assertThat(complete("k get pods -")).contains("-n", "--namespace", "-A", "-o", "-l", "--selector", "--show-labels");
        assertThat(complete("k describe netpol -")).contains("-A", "--all-namespaces");
        assertThat(complete("k get pods -n ")).contains("x", "default", "kube-system", "kube-public");
        assertThat(complete("k get netpol -o ")).contains("json", "yaml", "wide", "name", "jsonpath=", "custom-columns=");
        assertThat(complete("k -n x get ")).contains("pods", "netpol", "svc", "endpoints");
        assertThat(complete("")).contains("check", "k", "clear", "export", "vim", "cat");
        assertThat(complete("k apply -f x.yaml --")).contains("--dry-run", "--output");
    }

    @Test
    @DisplayName("resource names from the lab in the namespace named on the line; label key=value pairs after -l")
    void namesAndLabels() {
        assertThat(complete("k get pods -n x ")).as("sorted by name, as the API lists them").containsExactly("a", "b", "c", "d");
        assertThat(complete("k get pods ")).as("default holds no pods").isEmpty();
        assertThat(complete("k get netpol -n x qu")).containsExactly("quarantine");
        assertThat(complete("k label pod -n x ")).containsExactly("a", "b", "c", "d");
        assertThat(complete("k get pods -n x -l ")).contains("status=quarantined", "status=healthy", "incident=inc-4711", "pod=a");
        assertThat(complete("k describe svc -n kube-system ")).containsExactly("kube-dns");
    }

    @Test
    @DisplayName("exec: pods, then the tools after --, then Service names; run: images; explain: field paths")
    void execRunExplain() {
        assertThat(complete("k exec -n x ")).containsExactly("a", "b", "c", "d");
        assertThat(complete("k exec a -n x -- ")).contains("curl", "wget", "nc", "nslookup", "dig");
        assertThat(complete("k exec a -n x -- curl ")).contains("kube-dns.kube-system", "kubernetes.default");
        assertThat(complete("k run tmp ")).contains("--image=busybox", "--image=nicolaka/netshoot");
        assertThat(complete("k run tmp --")).contains("--rm", "--image", "--labels", "--restart");
        assertThat(complete("k explain ")).contains("networkpolicy.spec.ingress.from.ipBlock.except", "networkpolicy.spec.policyTypes");
    }
}
