package dev.netpollab.lab.cluster;

import dev.netpollab.lab.ApiServer;
import dev.netpollab.lab.LabProgress;
import dev.netpollab.lab.PodExec;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The canary's verdicts, with the pods on an API server and the curl faked. */
class CanaryTest {
    @RegisterExtension
    static final ApiServer API = new ApiServer();
    private final KubernetesClient client = API.client();

    /** Answers with the given curl exit codes in turn, the last one forever, and records the policies present at each call. */
    private static final class ScriptedProbe implements Canary.Probe {
        final Deque<Integer> codes;
        final List<Integer> policiesSeen = new ArrayList<>();
        final List<String> ips = new ArrayList<>();

        ScriptedProbe(Integer... codes) {
            this.codes = new ArrayDeque<>(List.of(codes));
        }

        @Override
        public int curl(String ip) {
            ips.add(ip);
            policiesSeen.add(API.client().network().networkPolicies().inNamespace(Canary.NAMESPACE).list().getItems().size());
            return codes.size() > 1 ? codes.pop() : codes.peek();
        }
    }

    private static Canary.Result run(ScriptedProbe p) {
        return Canary.run(API.client(), p, Duration.ofMillis(300), Duration.ofMillis(50), LabProgress.NONE);
    }

    @Test
    @DisplayName("open before the deny-all, timed out after it: enforced (dropped)")
    void enforced() {
        ScriptedProbe p = new ScriptedProbe(0, 0, 28);
        Canary.Result r = run(p);
        assertThat(r.enforces()).isTrue();
        assertThat(r.detail()).isEqualTo("denied traffic is dropped");
        assertThat(r.rejects()).isFalse();
        assertThat(p.policiesSeen).as("positive control without a policy, then probes under the deny-all").startsWith(0, 1);
        assertThat(p.ips).allMatch(ip -> ip.startsWith("10.42.")).hasSize(3);
        assertThat(client.namespaces().withName(Canary.NAMESPACE).get()).as("the canary cleans up after itself").isNull();
    }

    @Test
    @DisplayName("refused after the deny-all: enforced, but by rejecting (kube-router), so approximate")
    void rejected() {
        Canary.Result r = run(new ScriptedProbe(0, 7));
        assertThat(r.enforces()).isTrue();
        assertThat(r.detail()).contains("rejected");
        assertThat(r.rejects()).as("the finding the cluster lab carries to grading").isTrue();
    }

    @Test
    @DisplayName("under the deny-all the canary pauses between probes: a handful of execs in the settle window, not a busy loop")
    void pausesBetweenProbes() {
        ScriptedProbe p = new ScriptedProbe(0);
        long t0 = System.nanoTime();
        Canary.Result r = Canary.run(API.client(), p, Duration.ofMillis(600), Duration.ofMillis(200), LabProgress.NONE);
        assertThat(r.enforces()).isFalse();
        assertThat(p.ips.size()).as("one positive control, then at most one probe per 200 ms of a 600 ms window").isBetween(2, 5);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    @DisplayName("still open through the deny-all until the settle time ends: not enforced, and the message says why it matters")
    void notEnforced() {
        ScriptedProbe p = new ScriptedProbe(0);
        Canary.Result r = run(p);
        assertThat(r.enforces()).isFalse();
        assertThat(r.detail()).contains("does not enforce NetworkPolicy").contains("grades would be wrong");
        assertThat(p.ips.size()).as("re-probed during the settle window").isGreaterThan(2);
        assertThat(client.namespaces().withName(Canary.NAMESPACE).get()).isNull();
    }

    @Test
    @DisplayName("no connection even without a policy: cannot judge, and no deny-all is ever created")
    void brokenNetwork() {
        ScriptedProbe p = new ScriptedProbe(-1);
        Canary.Result r = run(p);
        assertThat(r.enforces()).isFalse();
        assertThat(r.detail()).contains("cannot reach its server even without any policy").contains("exit -1");
        assertThat(p.policiesSeen).containsExactly(0);
    }

    @Test
    @DisplayName("the real probe parses curl's exit code from the exec output; a failed exec is -1")
    void curlParsing() {
        List<List<String>> commands = new ArrayList<>();
        PodExec ok = (ns, pod, timeout, cmd) -> {
            commands.add(List.of(ns, pod, String.join(" ", cmd)));
            return new PodExec.Result(0, "curl: (28) Connection timed out\nrc=28\n", "", "");
        };
        assertThat(Canary.curl(ok).curl("10.42.0.9")).isEqualTo(28);
        assertThat(commands.get(0)).containsExactly(Canary.NAMESPACE, "client", "sh -c curl -sS -o /dev/null --connect-timeout 2 -m 4 'http://10.42.0.9:80/'; echo \"rc=$?\"");
        assertThat(Canary.curl((ns, pod, t, cmd) -> new PodExec.Result(-1, "", "", "pod not found")).curl("10.42.0.9")).isEqualTo(-1);
        assertThat(Canary.curl((ns, pod, t, cmd) -> new PodExec.Result(0, "garbage", "", "")).curl("10.42.0.9")).isEqualTo(-1);
    }
}
