package dev.netpollab.probe;

import dev.netpollab.grade.Grade;
import dev.netpollab.grade.Grader;
import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.lab.OfflineCluster;
import dev.netpollab.lab.PodExec;
import dev.netpollab.policy.Protocol;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.scenario.ScenarioTexts;
import dev.netpollab.scenario.Target;
import dev.netpollab.testing.ManualClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The real prober against a fake exec: what it runs, how it batches, how it reads curl's answers. */
class CurlProberTest {
    private Scenario s;
    private ClusterSnapshot snap;

    @BeforeEach
    void load(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("s.yaml"), ScenarioTexts.VALID);
        s = ScenarioLibrary.loadPaths(List.of(dir)).scenarios().get(0);
        snap = OfflineCluster.snapshot(s, s.brokenPolicies());
    }

    /** A fake exec: records each call and answers every probe line of the script with a function of its target. */
    static final class FakeExec implements PodExec {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final Map<String, String> scripts = new ConcurrentHashMap<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        Function<String, String> answer;

        FakeExec(Function<String, String> answer) {
            this.answer = answer;
        }

        @Override
        public Result exec(String namespace, String pod, Duration timeout, String... command) {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            calls.add(namespace + "/" + pod);
            String script = command[2];
            scripts.put(namespace + "/" + pod, script);
            StringBuilder out = new StringBuilder();
            Matcher m = Pattern.compile("(?m)^\\( o=\\$\\((.*?) 2>&1\\); rc=\\$\\?; printf '@@%s %s %s\\\\n' (\\d+) ").matcher(script);
            while (m.find()) {
                out.append("@@").append(m.group(2)).append(' ').append(answer.apply(m.group(1))).append('\n');
            }
            inFlight.decrementAndGet();
            return new Result(0, out.toString(), "", "");
        }
    }

    private static Probe probe(String from, Target to, int port, Protocol proto) {
        return new Probe(from, to, port, proto);
    }

    @Test
    @DisplayName("one exec per source pod, all of its probes in one script; curl for TCP, agnhost connect for UDP")
    void batching() {
        FakeExec exec = new FakeExec(cmd -> "0 200");
        List<Probe> probes = List.of(probe("shop/frontend", new Target.Pod("shop", "db"), 5432, Protocol.TCP),
                probe("shop/frontend", new Target.Service("shop", "db"), 5432, Protocol.TCP),
                probe("shop/frontend", new Target.External("metadata"), 80, Protocol.TCP),
                probe("dev/tester", new Target.Pod("shop", "db"), 5432, Protocol.TCP),
                probe("dev/tester", new Target.Pod("kube-system", "coredns"), 53, Protocol.UDP));
        List<Observation> obs = new CurlProber(exec, false).probe(snap, probes);
        assertThat(exec.calls).containsExactlyInAnyOrder("shop/frontend", "dev/tester");
        String front = exec.scripts.get("shop/frontend");
        String dbIp = snap.pod("shop", "db").orElseThrow().getStatus().getPodIP();
        assertThat(front).contains("curl -sS -o /dev/null --connect-timeout 2 -m 4 -w '%{http_code}' 'http://" + dbIp + ":5432/'")
                .contains("'http://db.shop.svc.cluster.local:5432/'").contains("'http://169.254.169.254:80/'").endsWith("wait\n");
        assertThat(exec.scripts.get("dev/tester")).contains("/agnhost connect '" + snap.pod("kube-system", "coredns").orElseThrow().getStatus().getPodIP()
                + ":53' --timeout=2s --protocol=udp");
        assertThat(obs).allMatch(o -> o.outcome() == Outcome.ALLOWED);
        assertThat(obs.get(0).detail()).isEqualTo("connected (HTTP 200)");
    }

    @Test
    @DisplayName("curl exit codes and agnhost messages are classified: 28 blocked, 7 refused, 6 dns-failed, others error")
    void classification() {
        FakeExec exec = new FakeExec(cmd -> cmd.contains("svc.cluster.local") ? "6 curl: (6) Could not resolve host" : cmd.contains(":5432") ? "28 000"
                : cmd.contains("169.254") ? "7 000" : cmd.contains("agnhost") ? "1 TIMEOUT" : "35 000");
        List<Probe> probes = List.of(probe("shop/frontend", new Target.Pod("shop", "db"), 5432, Protocol.TCP),
                probe("shop/frontend", new Target.External("metadata"), 80, Protocol.TCP),
                probe("shop/frontend", new Target.Service("shop", "db"), 5432, Protocol.TCP),
                probe("shop/frontend", new Target.Pod("kube-system", "coredns"), 53, Protocol.UDP),
                probe("shop/db", new Target.Pod("shop", "frontend"), 80, Protocol.TCP));
        List<Observation> o = new CurlProber(exec, false).probe(snap, probes);
        assertThat(o).extracting(Observation::outcome).containsExactly(Outcome.BLOCKED, Outcome.REFUSED, Outcome.DNS_FAILED, Outcome.BLOCKED,
                Outcome.ERROR);
        assertThat(o.get(0).detail()).contains("dropped (curl exit 28)");
        assertThat(o.get(4).detail()).isEqualTo("curl exit 35: 000");
    }

    @Test
    @DisplayName("each observation carries the engine's prediction, so a disagreement shows")
    void predictions() {
        FakeExec exec = new FakeExec(cmd -> "0 200");
        Observation o = new CurlProber(exec, false).probe(snap, List.of(probe("shop/frontend", new Target.Pod("shop", "db"), 5432, Protocol.TCP))).get(0);
        assertThat(o.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(o.predicted()).isEqualTo(Outcome.BLOCKED);
        assertThat(o.matchesPrediction()).isFalse();
        assertThat(o.verdict()).isNotNull();
    }

    @Test
    @DisplayName("a failed exec, a timeout or a missing line is an error, never a block; missing pods are not exec'd")
    void failures() {
        PodExec broken = (ns, pod, timeout, cmd) -> new PodExec.Result(-1, "", "", "no exit status within 11 s");
        Observation o = new CurlProber(broken, false).probe(snap, List.of(probe("shop/frontend", new Target.Pod("shop", "db"), 5432, Protocol.TCP))).get(0);
        assertThat(o.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(o.detail()).isEqualTo("exec into shop/frontend failed: no exit status within 11 s");
        PodExec silent = (ns, pod, timeout, cmd) -> new PodExec.Result(137, "", "Killed", "");
        assertThat(new CurlProber(silent, false).probe(snap, List.of(probe("shop/frontend", new Target.Pod("shop", "db"), 5432, Protocol.TCP)))
                .get(0).detail()).isEqualTo("the probe printed no result (exit 137: Killed)");
        FakeExec exec = new FakeExec(cmd -> "0 200");
        Observation ghost = new CurlProber(exec, false).probe(snap, List.of(probe("shop/ghost", new Target.Pod("shop", "db"), 5432, Protocol.TCP))).get(0);
        assertThat(ghost.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(exec.calls).isEmpty();
    }

    @Test
    @DisplayName("no more than a handful of execs run at once")
    void boundedParallelism() {
        FakeExec exec = new FakeExec(cmd -> "0 200");
        List<Probe> probes = new ArrayList<>();
        // Ten distinct sources: repeat the world's three pods in a snapshot with more pods is overkill; use the same three many ways.
        for (String src : List.of("shop/frontend", "shop/db", "dev/tester")) {
            probes.add(probe(src, new Target.External("metadata"), 80, Protocol.TCP));
        }
        new CurlProber(exec, false).probe(snap, probes);
        assertThat(exec.maxInFlight.get()).isBetween(1, CurlProber.PARALLEL_EXECS);
        assertThat(exec.calls).hasSize(3);
    }

    @Test
    @DisplayName("convergence: wrong cells are re-probed until the CNI has programmed the rules")
    void convergence() {
        AtomicInteger round = new AtomicInteger();
        FakeExec exec = new FakeExec(cmd -> "0 200");
        exec.answer = cmd -> cmd.contains(":5432") && round.get() < 2 ? "0 200" : cmd.contains(":5432") && !cmd.contains("frontend") ? "28 000" : "0 200";
        PodExec counting = (ns, pod, t, cmd) -> {
            if (ns.equals("dev")) {
                round.incrementAndGet();
            }
            return exec.exec(ns, pod, t, cmd);
        };
        ClusterSnapshot solved = OfflineCluster.snapshot(s, s.solutionPolicies());
        ManualClock clock = new ManualClock();
        Grade g = new Grader(clock, Duration.ofSeconds(5), Duration.ofSeconds(1), clock::advance).grade(s, solved, new CurlProber(counting, false));
        assertThat(g.results().get(1).met()).isTrue();
        assertThat(g.convergence()).isEqualTo(Duration.ofSeconds(1));
        assertThat(g.prober()).startsWith("real probes: curl");
    }
}
