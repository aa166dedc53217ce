package dev.netpollab.grade;

import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.policy.Verdict;
import dev.netpollab.probe.ModelProber;
import dev.netpollab.probe.Observation;
import dev.netpollab.probe.Outcome;
import dev.netpollab.probe.Probe;
import dev.netpollab.probe.Prober;
import dev.netpollab.scenario.Expectation;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.World;
import dev.netpollab.scenario.WorldPod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Grades an attempt: expands the expectations, applies the scenario's integrity rules, probes, re-probes
 * wrong cells while a real CNI converges, and explains every wrong cell from the engine's trace.
 */
public final class Grader {
    private final Clock clock;
    private final Duration convergenceWindow;
    private final Duration convergenceInterval;
    private final Sleeper sleeper;

    /** Waits between re-probes; replaceable in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public Grader() {
        this(Clock.systemUTC(), Duration.ofSeconds(5), Duration.ofMillis(1000), d -> Thread.sleep(d.toMillis()));
    }

    public Grader(Clock clock, Duration convergenceWindow, Duration convergenceInterval, Sleeper sleeper) {
        this.clock = clock;
        this.convergenceWindow = convergenceWindow;
        this.convergenceInterval = convergenceInterval;
        this.sleeper = sleeper;
    }

    public Grade grade(Scenario scenario, ClusterSnapshot snapshot, Prober prober) {
        List<String> integrity = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> allowedNs = scenario.rules().policiesOnlyIn();
        List<NetworkPolicy> ignored = allowedNs.isEmpty() ? List.of()
                : snapshot.policies().stream().filter(p -> !allowedNs.contains(p.getMetadata().getNamespace())).toList();
        for (NetworkPolicy p : ignored) {
            notes.add("policy " + p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()
                    + " is ignored: this task only counts policies in " + String.join(", ", allowedNs));
        }
        ClusterSnapshot counted = ignored.isEmpty() ? snapshot : snapshot.withPolicies(p -> !ignored.contains(p));
        if (scenario.rules().worldImmutable()) {
            for (String d : WorldIntegrity.differences(scenario, snapshot)) {
                integrity.add("the world must stay as set up, but " + d);
            }
        }
        List<Probe> probes = new ArrayList<>();
        List<List<Integer>> cellsOf = new ArrayList<>();
        for (Expectation e : scenario.expect()) {
            List<Integer> idx = new ArrayList<>();
            for (String from : sources(scenario, e)) {
                idx.add(probes.size());
                probes.add(new Probe(from, e.to(), e.port(), e.protocol()));
            }
            cellsOf.add(idx);
        }
        long start = clock.millis();
        List<Observation> observed = new ArrayList<>(prober.probe(counted, probes));
        Duration convergence = Duration.ZERO;
        if (prober.real()) {
            convergence = converge(scenario, counted, prober, probes, cellsOf, observed, start);
        }
        // What the counted policies alone would give; for a real CNI, cells that only pass thanks to an ignored policy fail.
        List<Observation> predicted = ignored.isEmpty() || !prober.real() ? null : new ModelProber().probe(counted, probes);
        List<ExpectationResult> results = new ArrayList<>();
        for (int i = 0; i < scenario.expect().size(); i++) {
            Expectation e = scenario.expect().get(i);
            List<CellResult> cells = new ArrayList<>();
            for (int k : cellsOf.get(i)) {
                CellResult c = cell(e, observed.get(k), prober);
                if (predicted != null && c.pass() && !passes(e, predicted.get(k).outcome(), prober)) {
                    c = new CellResult(c.probe(), c.expectAllowed(), c.observation(), false,
                            "passes only because of a policy outside " + String.join(", ", allowedNs) + ", which does not count");
                }
                cells.add(c);
            }
            results.add(new ExpectationResult(e, cells));
        }
        if (prober.real()) {
            long mismatches = observed.stream().filter(o -> !o.matchesPrediction()).count();
            if (mismatches > 0) {
                notes.add(mismatches + " probe(s) disagree with the engine's prediction; see the cells marked \"predicted\"");
                prober.reportDisagreements(observed).ifPresent(notes::add);
            }
        }
        // Checks see every policy: "remove the stray policy" is about an object that policiesOnlyIn leaves out of the traffic.
        List<CheckResult> checks = ObjectChecks.grade(scenario, snapshot.policies());
        return new Grade(scenario.id(), clock.instant(), results, checks, integrity, notes, prober.describe(), convergence);
    }

    /**
     * Re-probes wrong cells until they pass or the window closes, then probes the whole set once more: a cell
     * that passed in the first round may have passed on the dataplane's state from before the learner's
     * change. Returns how long that took.
     */
    private Duration converge(Scenario scenario, ClusterSnapshot snapshot, Prober prober, List<Probe> probes,
                              List<List<Integer>> cellsOf, List<Observation> observed, long start) {
        long deadline = start + convergenceWindow.toMillis();
        while (true) {
            List<Integer> wrong = new ArrayList<>();
            for (int i = 0; i < scenario.expect().size(); i++) {
                for (int k : cellsOf.get(i)) {
                    if (!passes(scenario.expect().get(i), observed.get(k).outcome(), prober)) {
                        wrong.add(k);
                    }
                }
            }
            if (wrong.isEmpty() || clock.millis() >= deadline) {
                break;
            }
            try {
                sleeper.sleep(convergenceInterval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Duration.ofMillis(clock.millis() - start);
            }
            List<Observation> again = prober.probe(snapshot, wrong.stream().map(probes::get).toList());
            for (int j = 0; j < wrong.size(); j++) {
                observed.set(wrong.get(j), again.get(j));
            }
        }
        try {
            sleeper.sleep(convergenceInterval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Duration.ofMillis(clock.millis() - start);
        }
        List<Observation> last = prober.probe(snapshot, probes);
        for (int k = 0; k < last.size(); k++) {
            observed.set(k, last.get(k));
        }
        return Duration.ofMillis(clock.millis() - start);
    }

    /**
     * {@code ns/*} means every pod the scenario put in that namespace, so deleting one cannot shrink the test,
     * except the destination itself: a pod always reaches itself (loopback never meets NetworkPolicy); and except
     * the cluster DNS pod, which the scenario did not put there and a real lab cannot probe from (no shell in CoreDNS).
     */
    public static List<String> sources(Scenario scenario, Expectation e) {
        if (!e.fromPattern()) {
            return List.of(e.from());
        }
        return scenario.world().podsIn(e.fromNamespace()).stream().filter(p -> !World.isImplicitDns(p)).map(WorldPod::id)
                .filter(id -> !scenario.world().reachesItself(id, e.to())).toList();
    }

    static boolean passes(Expectation e, Outcome o, Prober prober) {
        if (e.allowed()) {
            return o == Outcome.ALLOWED;
        }
        return o == Outcome.BLOCKED || (o == Outcome.DNS_FAILED && e.dnsBlocked()) || (o == Outcome.REFUSED && prober.rejectsDenied());
    }

    private static CellResult cell(Expectation e, Observation o, Prober prober) {
        boolean pass = passes(e, o.outcome(), prober);
        return new CellResult(o.probe(), e.allowed(), o, pass, pass ? "" : reason(e, o));
    }

    /** One line that says why a cell is wrong. */
    static String reason(Expectation e, Observation o) {
        Verdict v = o.verdict();
        String mismatch = o.matchesPrediction() ? "" : " (the engine predicted " + o.predicted().label() + ")";
        return switch (o.outcome()) {
            case ALLOWED, BLOCKED -> (v == null ? o.detail() : VerdictExplainer.reason(v)) + mismatch;
            case DNS_FAILED -> e.allowed()
                    ? o.detail() + (v == null ? "" : " — " + VerdictExplainer.reason(v)) + mismatch
                    // Said to the learner, whose broken state may block DNS: the fix is theirs (allow DNS), not the author's.
                    : "the name did not resolve (" + o.detail() + "), so this probe cannot show whether port " + e.port()
                    + " is blocked; allow DNS egress so that the name resolves (a scenario that means DNS to stay blocked says dnsBlocked: ok)"
                    + mismatch;
            case REFUSED -> "connection refused: " + o.detail() + mismatch;
            case ERROR -> "probe error: " + o.detail() + "; an error is no proof of isolation" + mismatch;
        };
    }
}
