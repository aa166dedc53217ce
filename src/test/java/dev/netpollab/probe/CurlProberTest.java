package dev.netpollab.probe;

import dev.netpollab.grade.Grade;
import dev.netpollab.grade.Grader;
import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.lab.Diagnostics;
import dev.netpollab.lab.OfflineCluster;
import dev.netpollab.lab.PodExec;
import dev.netpollab.policy.Protocol;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.scenario.ScenarioTexts;
import dev.netpollab.scenario.Target;
import dev.netpollab.testing.ManualClock;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The real prober against a fake exec: what it runs, how it batches, how it reads the tools' answers. */
class CurlProberTest {
    static final String DIG_ANSWER = ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4711 ;; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0";
    static final String DIG_TIMEOUT = ";; communications error to 10.42.0.3#53: timed out ;; no servers could be reached";
    static final String SERVICE_IP = "10.43.0.20";
    private Scenario s;
    private ClusterSnapshot snap;

    @BeforeEach
    void load(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("s.yaml"), ScenarioTexts.VALID);
        s = ScenarioLibrary.loadPaths(List.of(dir)).scenarios().get(0);
        snap = withClusterIps(OfflineCluster.snapshot(s, s.brokenPolicies()));
    }

    /** Services as the API server returns them: with a ClusterIP. */
    static ClusterSnapshot withClusterIps(ClusterSnapshot snap) {
        List<Service> svcs = snap.services().stream().map(x -> new ServiceBuilder(x).editSpec().withClusterIP(SERVICE_IP).endSpec().build()).toList();
        return new ClusterSnapshot(snap.namespaces(), snap.pods(), svcs, snap.policies(), snap.externals());
    }

    /** A fake exec: records each call and answers every line of the script with a function of its command. */
    static final class FakeExec implements PodExec {
        static final Pattern LINE = Pattern.compile("(?m)^\\( o=\\$\\((.*?) 2>&1\\); rc=\\$\\?; set -f; set -- \\$o; printf '@@%s %s %s\\\\n' (\\d+n?) ");
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final Map<String, String> scripts = new ConcurrentHashMap<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final java.util.function.BiFunction<String, String, String> answer;

        FakeExec(Function<String, String> answer) {
            this((pod, cmd) -> answer.apply(cmd));
        }

        /** @param answer from the source pod ({@code ns/name}) and the probe's command to its printed line */
        FakeExec(java.util.function.BiFunction<String, String, String> answer) {
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
            Matcher m = LINE.matcher(script);
            while (m.find()) {
                out.append("@@").append(m.group(2)).append(' ').append(answer.apply(namespace + "/" + pod, m.group(1))).append('\n');
            }
            inFlight.decrementAndGet();
            return new Result(0, out.toString(), "", "");
        }
    }

    /** Answers every connection with HTTP 200 and every lookup with an address. */
    static String allOpen(String cmd) {
        return cmd.contains("dig") ? "0 " + DIG_ANSWER : "0 curl-w:200:0.000412";
    }

    private static Probe probe(String from, Target to, int port, Protocol proto) {
        return new Probe(from, to, port, proto);
    }

    private static Observation one(PodExec exec, ClusterSnapshot snap, Probe p) {
        return new CurlProber(exec, false).probe(snap, List.of(p)).get(0);
    }

    @Test
    @DisplayName("one exec per source pod, every probe in one script, each bounded; curl for TCP, agnhost for UDP, dig for the cluster DNS")
    void batching() {
        FakeExec exec = new FakeExec(CurlProberTest::allOpen);
        String dns = snap.pod("kube-system", "coredns").orElseThrow().getStatus().getPodIP();
        String dbIp = snap.pod("shop", "db").orElseThrow().getStatus().getPodIP();
        List<Probe> probes = List.of(probe("shop/frontend", new Target.Pod("shop", "db"), 5432, Protocol.TCP),
                probe("shop/frontend", new Target.Service("shop", "db"), 5432, Protocol.TCP),
                probe("shop/frontend", new Target.External("metadata"), 80, Protocol.TCP),
                probe("dev/tester", new Target.Pod("shop", "db"), 5432, Protocol.UDP),
                probe("dev/tester", new Target.Pod("kube-system", "coredns"), 53, Protocol.UDP),
                probe("dev/tester", new Target.Pod("kube-system", "coredns"), 53, Protocol.TCP));
        List<Observation> obs = new CurlProber(exec, false).probe(snap, probes);
        assertThat(exec.calls).containsExactlyInAnyOrder("shop/frontend", "dev/tester");
        String front = exec.scripts.get("shop/frontend");
        assertThat(front).startsWith("A=\"${NETPOL_LAB_AGNHOST:-/agnhost}\"\n")
                .contains("timeout 5 curl -sS -o /dev/null --connect-timeout 2 -m 4 -w ' curl-w:%{http_code}:%{time_connect} ' 'http://" + dbIp + ":5432/'")
                .as("a Service is probed at its ClusterIP and looked up by name separately")
                .contains("'http://" + SERVICE_IP + ":5432/'").contains("timeout 5 dig +time=2 +tries=1 +notcp +noall +comments 'db.shop.svc.cluster.local'")
                .doesNotContain("http://db.shop").contains("'http://169.254.169.254:80/'").endsWith("wait\n");
        assertThat(exec.scripts.get("dev/tester"))
                .contains("timeout 5 \"$A\" connect '" + dbIp + ":5432' --timeout=2s --protocol=udp")
                .as("the cluster DNS gets a real DNS query, never agnhost's 9 bytes that CoreDNS drops")
                .contains("timeout 5 dig '@" + dns + "' -p 53 +time=2 +tries=1 +notcp +noall +comments kubernetes.default.svc.cluster.local")
                .contains("timeout 5 dig '@" + dns + "' -p 53 +time=2 +tries=1 +tcp +noall +comments kubernetes.default.svc.cluster.local")
                .doesNotContain("connect '" + dns);
        assertThat(obs).extracting(Observation::outcome).containsOnly(Outcome.ALLOWED);
        assertThat(obs.get(0).detail()).isEqualTo("connected (HTTP 200)");
        assertThat(obs.get(4).detail()).isEqualTo("the DNS server answered over UDP 53 (status NOERROR)");
    }

    @Test
    @DisplayName("a DNS look-alike outside kube-system is an ordinary pod; a kube-dns Service on 53 gets a DNS query at its ClusterIP")
    void dnsTargets() {
        FakeExec exec = new FakeExec(CurlProberTest::allOpen);
        var coredns = snap.pod("kube-system", "coredns").orElseThrow();
        var fake = new io.fabric8.kubernetes.api.model.PodBuilder(coredns).editMetadata().withNamespace("dev").withName("fake-dns").endMetadata()
                .editStatus().withPodIP("10.42.0.99").endStatus().build();
        Service kubeDns = new ServiceBuilder().withNewMetadata().withName("kube-dns").withNamespace("kube-system").endMetadata()
                .withNewSpec().withClusterIP("10.43.0.10").withSelector(Map.of("k8s-app", "kube-dns")).endSpec().build();
        List<io.fabric8.kubernetes.api.model.Pod> pods = new ArrayList<>(snap.pods());
        pods.add(fake);
        List<Service> svcs = new ArrayList<>(snap.services());
        svcs.add(kubeDns);
        ClusterSnapshot more = new ClusterSnapshot(snap.namespaces(), pods, svcs, snap.policies(), snap.externals());
        new CurlProber(exec, false).probe(more, List.of(probe("shop/frontend", new Target.Pod("dev", "fake-dns"), 53, Protocol.UDP),
                probe("shop/frontend", new Target.Service("kube-system", "kube-dns"), 53, Protocol.UDP)));
        assertThat(exec.scripts.get("shop/frontend")).contains("\"$A\" connect '10.42.0.99:53' --timeout=2s --protocol=udp")
                .contains("dig '@10.43.0.10' -p 53").contains("'kube-dns.kube-system.svc.cluster.local'");
    }

    @Test
    @DisplayName("curl: 28 without a connection is blocked, 28 after connecting is allowed, a resolve timeout is dns-failed, 7 refused, 6 dns-failed")
    void curlClassification() {
        Probe p = probe("shop/frontend", new Target.Pod("shop", "db"), 5432, Protocol.TCP);
        Map<String, Outcome> cases = Map.of(
                "28 curl: (28) Failed to connect to 10.42.0.2 port 5432 after 2001 ms: Timeout was reached curl-w:000:0.000000", Outcome.BLOCKED,
                "28 curl-w:000:0.000000curl: (28) Connection timed out after 2002 milliseconds", Outcome.BLOCKED,
                "28 curl: (28) Operation timed out after 4001 milliseconds with 0 bytes received curl-w:000:0.000391", Outcome.ALLOWED,
                "28 curl-w:000:0.000391curl: (28) Operation timed out after 4001 milliseconds with 0 bytes received", Outcome.ALLOWED,
                "28 curl: (28) Resolving timed out after 2000 milliseconds curl-w:000:0.000000", Outcome.DNS_FAILED,
                "7 curl: (7) Failed to connect to 10.42.0.2 port 5432 after 0 ms: Couldn't connect to server curl-w:000:0.000000", Outcome.REFUSED,
                "6 curl: (6) Could not resolve host: x curl-w:000:0.000000", Outcome.DNS_FAILED,
                "0 curl-w:404:0.000200", Outcome.ALLOWED,
                "35 curl: (35) TLS curl-w:000:0.000500", Outcome.ERROR,
                "143 ", Outcome.ERROR);
        cases.forEach((answer, expected) -> assertThat(one(new FakeExec(cmd -> answer), snap, p).outcome()).as(answer).isEqualTo(expected));
        assertThat(one(new FakeExec(cmd -> "0 curl-w:404:0.000200"), snap, p).detail()).isEqualTo("connected (HTTP 404)");
        assertThat(one(new FakeExec(cmd -> "124 "), snap, p).detail()).isEqualTo("the probe did not finish within 5 s (exit 124)");
    }

    @Test
    @DisplayName("agnhost connect and dig: TIMEOUT / timed out is blocked, REFUSED / connection refused is refused, any DNS status is an answer")
    void agnhostAndDigClassification() {
        Probe udp = probe("shop/frontend", new Target.Pod("shop", "db"), 5432, Protocol.UDP);
        assertThat(one(new FakeExec(cmd -> "1 TIMEOUT: read udp: i/o timeout"), snap, udp).outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(one(new FakeExec(cmd -> "1 REFUSED: read udp: connection refused"), snap, udp).outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(one(new FakeExec(cmd -> "1 OTHER: No data received"), snap, udp).outcome()).isEqualTo(Outcome.ERROR);
        assertThat(one(new FakeExec(cmd -> "0 "), snap, udp).outcome()).isEqualTo(Outcome.ALLOWED);

        Probe dns = probe("shop/frontend", new Target.Pod("kube-system", "coredns"), 53, Protocol.UDP);
        assertThat(one(new FakeExec(cmd -> "9 " + DIG_TIMEOUT), snap, dns).outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(one(new FakeExec(cmd -> "9 ;; communications error to 10.42.0.3#53: connection refused ;; no servers could be reached"), snap, dns)
                .outcome()).isEqualTo(Outcome.REFUSED);
        Observation refusedRcode = one(new FakeExec(cmd -> "0 ;; ->>HEADER<<- opcode: QUERY, status: REFUSED, id: 1"), snap, dns);
        assertThat(refusedRcode.outcome()).as("the DNS rcode REFUSED is an answer: the server was reached").isEqualTo(Outcome.ALLOWED);
        assertThat(one(new FakeExec(cmd -> "10 dig: couldn't get address"), snap, dns).outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    @DisplayName("a Service: a lookup that times out is dns-failed even when the ClusterIP answers; NXDOMAIN too; a resolved name grades the connection")
    void serviceLookup() {
        Probe p = probe("shop/frontend", new Target.Service("shop", "db"), 5432, Protocol.TCP);
        Function<String, Function<String, String>> lookupThen = lookup -> cmd -> cmd.contains("dig") ? lookup : "0 curl-w:200:0.000300";
        Observation dropped = one(new FakeExec(lookupThen.apply("9 " + DIG_TIMEOUT)), snap, p);
        assertThat(dropped.outcome()).isEqualTo(Outcome.DNS_FAILED);
        assertThat(dropped.detail()).contains("no DNS answer within 2 s").contains("DNS egress is dropped");
        assertThat(one(new FakeExec(lookupThen.apply("0 ;; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 2 ;; flags: qr; QUERY: 1, ANSWER: 0")), snap, p)
                .detail()).contains("NXDOMAIN (no such Service)");
        assertThat(one(new FakeExec(lookupThen.apply("9 ;; communications error to 10.43.0.10#53: connection refused")), snap, p).outcome())
                .isEqualTo(Outcome.DNS_FAILED);
        Observation blocked = one(new FakeExec(cmd -> cmd.contains("dig") ? "0 " + DIG_ANSWER : "28 curl-w:000:0.000000"), snap, p);
        assertThat(blocked.outcome()).isEqualTo(Outcome.BLOCKED);

        // A Service that is not there: only the lookup is made; its NXDOMAIN is the observation.
        FakeExec nx = new FakeExec(cmd -> "0 ;; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 3");
        Observation missing = one(nx, snap, probe("shop/frontend", new Target.Service("shop", "nope"), 80, Protocol.TCP));
        assertThat(missing.outcome()).isEqualTo(Outcome.DNS_FAILED);
        assertThat(nx.scripts.get("shop/frontend")).contains("'nope.shop.svc.cluster.local'").doesNotContain("curl");
        assertThat(missing.matchesPrediction()).as("the engine also says a missing Service does not resolve").isTrue();
    }

    @Test
    @DisplayName("an exec cut short: lines printed before the cut are classified, only the missing probes are errors")
    void partialOutput() {
        String dbIp = snap.pod("shop", "db").orElseThrow().getStatus().getPodIP();
        PodExec cut = (ns, pod, timeout, cmd) -> new PodExec.Result(-1, "@@0 0 curl-w:200:0.000300\n@@1 28 curl-w:000:0.000000\n@@2 7 curl: (7) refused curl-w:000:0.0",
                "", "no exit status within 10 s");
        List<Observation> o = new CurlProber(cut, false).probe(snap, List.of(probe("shop/frontend", new Target.Pod("shop", "db"), 5432, Protocol.TCP),
                probe("shop/frontend", new Target.External("metadata"), 80, Protocol.TCP),
                probe("shop/frontend", new Target.Pod("shop", "db"), 5432, Protocol.UDP),
                probe("shop/frontend", new Target.Pod("dev", "tester"), 80, Protocol.TCP)));
        assertThat(o).extracting(Observation::outcome).containsExactly(Outcome.ALLOWED, Outcome.BLOCKED, Outcome.ERROR, Outcome.ERROR);
        assertThat(o.get(2).detail()).as("a partial last line is not a result").startsWith("the probe printed no result");
        assertThat(o.get(3).detail()).isEqualTo("the probe printed no result (exec into shop/frontend failed: no exit status within 10 s)");
        assertThat(dbIp).isNotBlank();
    }

    @Test
    @DisplayName("each observation carries the engine's prediction; where the CNI rejects, a predicted block reads as refused")
    void predictions() {
        FakeExec exec = new FakeExec(CurlProberTest::allOpen);
        Probe denied = probe("dev/tester", new Target.Pod("shop", "db"), 5432, Protocol.TCP);
        ClusterSnapshot solved = withClusterIps(OfflineCluster.snapshot(s, s.solutionPolicies()));
        Observation o = new CurlProber(exec, false).probe(solved, List.of(denied)).get(0);
        assertThat(o.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(o.predicted()).isEqualTo(Outcome.BLOCKED);
        assertThat(o.matchesPrediction()).isFalse();
        assertThat(o.verdict()).isNotNull();
        Observation rejected = new CurlProber(new FakeExec(cmd -> "7 curl-w:000:0.000000"), true).probe(solved, List.of(denied)).get(0);
        assertThat(rejected.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(rejected.predicted()).isEqualTo(Outcome.REFUSED);
        assertThat(rejected.matchesPrediction()).isTrue();
    }

    @Test
    @DisplayName("a failed exec, a timeout or a missing line is an error, never a block; missing pods are not exec'd")
    void failures() {
        PodExec broken = (ns, pod, timeout, cmd) -> new PodExec.Result(-1, "", "", "no exit status within 10 s");
        Observation o = one(broken, snap, probe("shop/frontend", new Target.Pod("shop", "db"), 5432, Protocol.TCP));
        assertThat(o.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(o.detail()).isEqualTo("the probe printed no result (exec into shop/frontend failed: no exit status within 10 s)");
        PodExec silent = (ns, pod, timeout, cmd) -> new PodExec.Result(137, "", "Killed", "");
        assertThat(one(silent, snap, probe("shop/frontend", new Target.Pod("shop", "db"), 5432, Protocol.TCP)).detail())
                .isEqualTo("the probe printed no result (exit 137: Killed)");
        FakeExec exec = new FakeExec(CurlProberTest::allOpen);
        Observation ghost = one(exec, snap, probe("shop/ghost", new Target.Pod("shop", "db"), 5432, Protocol.TCP));
        assertThat(ghost.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(one(exec, snap, probe("shop/frontend", new Target.External("nowhere"), 80, Protocol.TCP)).detail())
                .isEqualTo("no address for ext:nowhere (no such external endpoint)");
        assertThat(exec.calls).isEmpty();
    }

    @Test
    @DisplayName("no more than a handful of execs run at once")
    void boundedParallelism() {
        FakeExec exec = new FakeExec(CurlProberTest::allOpen);
        List<Probe> probes = new ArrayList<>();
        for (String src : List.of("shop/frontend", "shop/db", "dev/tester")) {
            probes.add(probe(src, new Target.External("metadata"), 80, Protocol.TCP));
        }
        new CurlProber(exec, false).probe(snap, probes);
        assertThat(exec.maxInFlight.get()).isBetween(1, CurlProber.PARALLEL_EXECS);
        assertThat(exec.calls).hasSize(3);
    }

    /** Grades the solution on a manual clock (5 s window, 1 s interval), counting the execs into one pod as rounds. */
    private Grade gradeSolved(FakeExec exec, String countedPod, AtomicInteger rounds) {
        PodExec counting = (ns, pod, t, cmd) -> {
            if ((ns + "/" + pod).equals(countedPod)) {
                rounds.incrementAndGet();
            }
            return exec.exec(ns, pod, t, cmd);
        };
        ClusterSnapshot solved = withClusterIps(OfflineCluster.snapshot(s, s.solutionPolicies()));
        ManualClock clock = new ManualClock();
        return new Grader(clock, Duration.ofSeconds(5), Duration.ofSeconds(1), clock::advance).grade(s, solved, new CurlProber(counting, false));
    }

    @Test
    @DisplayName("convergence: wrong cells are re-probed until the CNI has programmed the rules, then the whole set once more")
    void convergence() {
        AtomicInteger round = new AtomicInteger();
        FakeExec exec = new FakeExec((pod, cmd) -> cmd.contains("dig") ? "0 " + DIG_ANSWER
                : cmd.contains(":5432") && round.get() >= 2 && !pod.equals("shop/frontend") ? "28 curl-w:000:0.000000" : "0 curl-w:200:0.000300");
        Grade g = gradeSolved(exec, "dev/tester", round);
        assertThat(g.passed()).isTrue();
        assertThat(g.convergence()).as("one re-probe of the wrong cell, then one of the whole set").isEqualTo(Duration.ofSeconds(2));
        assertThat(round.get()).isEqualTo(3);
        assertThat(g.prober()).startsWith("real probes: curl");
    }

    @Test
    @DisplayName("a grade right after a change is not trusted: a cell that passed on stale dataplane state fails when the whole set is re-probed")
    void stalePassIsReprobed() {
        AtomicInteger rounds = new AtomicInteger();
        // First round: the old rules still let frontend reach db (pass); then the learner's wrong policy is programmed and blocks it.
        FakeExec exec = new FakeExec((pod, cmd) -> cmd.contains("dig") ? "0 " + DIG_ANSWER
                : rounds.get() > 1 && cmd.contains(":5432") ? "28 curl-w:000:0.000000" : cmd.contains(":5432") && pod.equals("shop/frontend") ? "0 curl-w:200:0.0003"
                : cmd.contains(":5432") ? "28 curl-w:000:0.000000" : "0 curl-w:200:0.0003");
        Grade g = gradeSolved(exec, "shop/frontend", rounds);
        assertThat(rounds.get()).isEqualTo(2);
        assertThat(g.results().get(0).met()).isFalse();
        assertThat(g.passed()).isFalse();
    }

    @Test
    @DisplayName("a grade whose final probes disagree with the engine writes a diagnostics bundle with the scripts and raw outputs, and says where")
    void disagreementBundle(@TempDir Path root) throws Exception {
        FakeExec exec = new FakeExec(cmd -> cmd.contains("dig") ? "0 " + DIG_ANSWER : "0 curl-w:200:0.000300");
        List<String> labCollected = new ArrayList<>();
        CurlProber prober = new CurlProber(exec, false, Optional.of(new Diagnostics(root, new ManualClock(), b -> {
            labCollected.add("called");
            b.write("pods-wide.txt", "NAMESPACE NAME\n");
        })));
        ManualClock clock = new ManualClock();
        Grade g = new Grader(clock, Duration.ofSeconds(2), Duration.ofSeconds(1), clock::advance).grade(s, snap, prober);
        Path bundle = root.resolve("20261129-100000");
        assertThat(g.notes()).anyMatch(n -> n.startsWith("diagnostics written to " + bundle + " — to report this, zip that folder"));
        assertThat(labCollected).containsExactly("called");
        assertThat(Files.readString(bundle.resolve("probe-execs.txt"))).contains("=== exec in dev/tester").contains("--- script\nA=")
                .contains("@@0 0 curl-w:200:0.000300");
        assertThat(Files.readString(bundle.resolve("probe-observations.txt"))).contains("! dev/tester -> shop/db:5432/TCP: allowed (predicted blocked)");
        assertThat(Files.readString(bundle.resolve("README.txt"))).contains("probe(s) disagree").contains("pods-wide.txt");

        FakeExec agreeing = new FakeExec((pod, cmd) -> cmd.contains("dig") ? "0 " + DIG_ANSWER
                : pod.equals("shop/frontend") || !cmd.contains(":5432") ? "0 curl-w:200:0.0003" : "28 curl-w:000:0.000000");
        Path quiet = root.resolve("quiet");
        Grade fine = new Grader(clock, Duration.ofSeconds(2), Duration.ofSeconds(1), clock::advance).grade(s,
                withClusterIps(OfflineCluster.snapshot(s, s.solutionPolicies())),
                new CurlProber(agreeing, false, Optional.of(new Diagnostics(quiet, clock, b -> { }))));
        assertThat(fine.passed()).isTrue();
        assertThat(quiet).doesNotExist();
    }
}
