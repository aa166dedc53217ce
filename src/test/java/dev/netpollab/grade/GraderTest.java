package dev.netpollab.grade;

import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.lab.OfflineCluster;
import dev.netpollab.probe.ModelProber;
import dev.netpollab.probe.Observation;
import dev.netpollab.probe.Outcome;
import dev.netpollab.probe.Probe;
import dev.netpollab.probe.Prober;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.scenario.ScenarioTexts;
import dev.netpollab.testing.ManualClock;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class GraderTest {
    @TempDir
    Path dir;

    private Scenario scenario(String text) throws IOException {
        Files.writeString(dir.resolve("s.yaml"), text);
        ScenarioLibrary lib = ScenarioLibrary.loadPaths(List.of(dir));
        assertThat(lib.problems()).isEmpty();
        return lib.scenarios().get(0);
    }

    private static NetworkPolicy np(String yaml) {
        return Serialization.unmarshal(yaml, NetworkPolicy.class);
    }

    private static final String ALLOW_FRONTEND = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db-ingress, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: db}}
              ingress: [{from: [{podSelector: {matchLabels: {app: frontend}}}]}]
            """;

    private static Grade grade(Scenario s, ClusterSnapshot snap) {
        return new Grader().grade(s, snap, new ModelProber());
    }

    @Test
    @DisplayName("the broken state fails with the engine's reason; the solution passes")
    void brokenFailsSolutionPasses() throws IOException {
        Scenario s = scenario(ScenarioTexts.VALID);
        Grade broken = grade(s, OfflineCluster.snapshot(s, s.brokenPolicies()));
        assertThat(broken.passed()).isFalse();
        assertThat(broken.met()).isEqualTo(1);
        assertThat(broken.total()).isEqualTo(3);
        CellResult first = broken.failedCells().get(0);
        assertThat(first.probe().toString()).isEqualTo("shop/frontend -> shop/db:5432/TCP");
        assertThat(first.reason()).isEqualTo("blocked: shop/db is isolated for ingress by policy shop/db-ingress; its only rule "
                + "from[0] admits pods with app=frontendd, shop/frontend has {app=frontend}");
        Grade solved = grade(s, OfflineCluster.snapshot(s, s.solutionPolicies()));
        assertThat(solved.passed()).isTrue();
        assertThat(solved.score()).isEqualTo(1.0);
    }

    @Test
    @DisplayName("ns/* expands to every pod the scenario put in the namespace")
    void patternExpansion() throws IOException {
        Scenario s = scenario(ScenarioTexts.VALID.replace("    - {name: tester, namespace: dev, labels: {app: tester}}",
                "    - {name: tester, namespace: dev, labels: {app: tester}}\n    - {name: tester2, namespace: dev}"));
        Grade g = grade(s, OfflineCluster.snapshot(s, s.solutionPolicies()));
        assertThat(g.results().get(1).cells()).extracting(c -> c.probe().from()).containsExactly("dev/tester", "dev/tester2");
    }

    @Test
    @DisplayName("ns/* skips the destination pod and, for a Service, the pods behind it: a pod reaching itself proves nothing")
    void patternSkipsLoopback() throws IOException {
        Scenario s = scenario(ScenarioTexts.VALID.replace("  - {from: shop/frontend, to: shop/db, port: 5432, allowed: true}",
                "  - {from: shop/*, to: shop/db, port: 5432, allowed: true}\n  - {from: shop/*, to: svc:shop/db, port: 5432, allowed: true}"));
        Grade g = grade(s, OfflineCluster.snapshot(s, s.solutionPolicies()));
        assertThat(g.results().get(0).cells()).extracting(c -> c.probe().from()).containsExactly("shop/frontend");
        assertThat(g.results().get(1).cells()).extracting(c -> c.probe().from()).containsExactly("shop/frontend");
        assertThat(g.passed()).isTrue();
    }

    @Test
    @DisplayName("an ad-hoc probe of a pod to itself is allowed under any policy, and the reason says why")
    void loopbackProbe() throws IOException {
        Scenario s = scenario(ScenarioTexts.VALID);
        NetworkPolicy denyAll = np("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny-all, namespace: shop}
                spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
                """);
        var o = new ModelProber().probe(OfflineCluster.snapshot(s, List.of(denyAll)),
                List.of(new Probe("shop/db", new dev.netpollab.scenario.Target.Pod("shop", "db"), 5432, dev.netpollab.policy.Protocol.TCP)));
        assertThat(o).singleElement().satisfies(x -> {
            assertThat(x.outcome()).isEqualTo(Outcome.ALLOWED);
            assertThat(VerdictExplainer.reason(x.verdict())).startsWith("allowed: a pod always reaches itself");
            assertThat(VerdictExplainer.explain(x.verdict())).anySatisfy(l -> assertThat(l).contains("a pod cannot block access to itself"));
        });
    }

    @Test
    @DisplayName("anti-cheat: deleting a must-be-blocked destination pod fails (an error is no proof of isolation)")
    void deletingDestinationFails() throws IOException {
        Scenario s = scenario(ScenarioTexts.VALID.replace("  worldImmutable: true", "  worldImmutable: false"));
        ClusterSnapshot snap = OfflineCluster.snapshot(s, s.solutionPolicies());
        List<Pod> pods = snap.pods().stream().filter(p -> !p.getMetadata().getName().equals("db")).toList();
        Grade g = grade(s, new ClusterSnapshot(snap.namespaces(), pods, snap.services(), snap.policies(), snap.externals()));
        assertThat(g.passed()).isFalse();
        CellResult blocked = g.results().get(1).cells().get(0);
        assertThat(blocked.observation().outcome()).isEqualTo(Outcome.ERROR);
        assertThat(blocked.pass()).isFalse();
        assertThat(blocked.reason()).isEqualTo("probe error: destination pod shop/db does not exist; an error is no proof of isolation");
    }

    @Test
    @DisplayName("anti-cheat: relabelling a pod to dodge a policy fails under worldImmutable, with the difference shown")
    void relabellingFails() throws IOException {
        Scenario s = scenario(ScenarioTexts.VALID);
        ClusterSnapshot snap = OfflineCluster.snapshot(s, s.brokenPolicies());
        List<Pod> pods = new ArrayList<>();
        for (Pod p : snap.pods()) {
            pods.add(p.getMetadata().getName().equals("frontend")
                    ? new PodBuilder(p).editMetadata().addToLabels("app", "frontendd").endMetadata().build() : p);
        }
        Grade g = grade(s, new ClusterSnapshot(snap.namespaces(), pods, snap.services(), snap.policies(), snap.externals()));
        assertThat(g.cells()).allMatch(CellResult::pass);
        assertThat(g.passed()).isFalse();
        assertThat(g.integrityFailures()).containsExactly(
                "the world must stay as set up, but pod shop/frontend: label app changed from frontend to frontendd");
    }

    @Test
    @DisplayName("anti-cheat: an allow-all policy fails the expectations that must be blocked")
    void allowAllFails() throws IOException {
        Scenario s = scenario(ScenarioTexts.VALID);
        NetworkPolicy allowAll = np("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: db-ingress, namespace: shop}
                spec: {podSelector: {}, ingress: [{}]}
                """);
        Grade g = grade(s, OfflineCluster.snapshot(s, List.of(allowAll)));
        assertThat(g.passed()).isFalse();
        assertThat(g.results().get(1).met()).isFalse();
        assertThat(g.results().get(1).cells().get(0).reason()).startsWith("allowed: shop/db-ingress ingress[0] admits it");
    }

    @Test
    @DisplayName("anti-cheat: a fix placed outside policiesOnlyIn is ignored and reported")
    void fixOutsideAllowedNamespaces() throws IOException {
        Scenario s = scenario(ScenarioTexts.VALID);
        NetworkPolicy devDeny = np("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: no-egress, namespace: dev}
                spec: {podSelector: {}, policyTypes: [Egress]}
                """);
        Grade g = grade(s, OfflineCluster.snapshot(s, List.of(devDeny)));
        assertThat(g.passed()).isFalse();
        assertThat(g.results().get(1).met()).isFalse();
        assertThat(g.notes()).containsExactly("policy dev/no-egress is ignored: this task only counts policies in shop");
    }

    @Test
    @DisplayName("a Service probe fails with dns-failed when egress blocks DNS; dnsBlocked: ok accepts it for a blocked expectation")
    void dnsFailures() throws IOException {
        NetworkPolicy egressDeny = np("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny-egress, namespace: shop}
                spec: {podSelector: {}, policyTypes: [Egress]}
                """);
        Scenario s = scenario(ScenarioTexts.VALID.replace("  - {from: shop/frontend, to: svc:shop/db, port: 5432, allowed: true}",
                "  - {from: shop/frontend, to: svc:shop/db, port: 5432, allowed: true}\n"
                        + "  - {from: shop/frontend, to: svc:shop/db, port: 5432, allowed: false, dnsBlocked: ok}\n"
                        + "  - {from: shop/frontend, to: svc:shop/db, port: 5432, allowed: false}"));
        Grade g = grade(s, OfflineCluster.snapshot(s, List.of(np(ALLOW_FRONTEND), egressDeny)));
        CellResult toSvc = g.results().get(2).cells().get(0);
        assertThat(toSvc.observation().outcome()).isEqualTo(Outcome.DNS_FAILED);
        assertThat(toSvc.reason()).startsWith("cannot resolve db.shop: DNS to kube-system/coredns on 53/UDP is blocked — blocked: shop/frontend is isolated for egress");
        assertThat(g.results().get(3).met()).as("dnsBlocked: ok").isTrue();
        assertThat(g.results().get(4).met()).as("without dnsBlocked a DNS failure proves nothing").isFalse();
        assertThat(g.results().get(4).cells().get(0).reason()).contains("which proves nothing about port 5432");
    }

    @Test
    @DisplayName("a real prober's wrong cells are re-probed until they settle, then the whole set once more, and the time is reported")
    void convergence() throws IOException {
        Scenario s = scenario(ScenarioTexts.VALID);
        AtomicInteger rounds = new AtomicInteger();
        Prober flaky = realProber((snapshot, probes) -> {
            int round = rounds.getAndIncrement();
            List<Observation> model = new ModelProber().probe(snapshot, probes);
            // The first two rounds see every cell allowed: rules not programmed yet.
            return round < 2 ? model.stream().map(o -> new Observation(o.probe(), Outcome.ALLOWED, "early", o.predicted(), o.verdict())).toList()
                    : model;
        });
        ManualClock clock = new ManualClock();
        Grader grader = new Grader(clock, Duration.ofSeconds(5), Duration.ofSeconds(1), d -> clock.advance(d));
        Grade g = grader.grade(s, OfflineCluster.snapshot(s, s.solutionPolicies()), flaky);
        assertThat(g.passed()).isTrue();
        assertThat(rounds.get()).as("first round, two re-probes of the wrong cells, one final round of all").isEqualTo(4);
        assertThat(g.convergence()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    @DisplayName("convergence gives up at the window and keeps the wrong cells, with the mismatch named")
    void convergenceWindow() throws IOException {
        Scenario s = scenario(ScenarioTexts.VALID);
        Prober stuck = realProber((snapshot, probes) -> new ModelProber().probe(snapshot, probes).stream()
                .map(o -> new Observation(o.probe(), Outcome.ALLOWED, "still open", o.predicted(), o.verdict())).toList());
        ManualClock clock = new ManualClock();
        Grade g = new Grader(clock, Duration.ofSeconds(3), Duration.ofSeconds(1), d -> clock.advance(d))
                .grade(s, OfflineCluster.snapshot(s, s.solutionPolicies()), stuck);
        assertThat(g.passed()).isFalse();
        assertThat(g.convergence()).as("the 3 s window, then one interval before the final round").isEqualTo(Duration.ofSeconds(4));
        assertThat(g.failedCells().get(0).reason()).endsWith("(the engine predicted blocked)");
        assertThat(g.notes()).anySatisfy(n -> assertThat(n).contains("disagree with the engine's prediction"));
    }

    /** A prober that says it sends real packets (so the grader converges), answering as the function says. */
    private static Prober realProber(java.util.function.BiFunction<ClusterSnapshot, List<Probe>, List<Observation>> answer) {
        return new Prober() {
            @Override
            public List<Observation> probe(ClusterSnapshot snapshot, List<Probe> probes) {
                return answer.apply(snapshot, probes);
            }

            @Override
            public boolean real() {
                return true;
            }

            @Override
            public String describe() {
                return "fake";
            }
        };
    }
}
