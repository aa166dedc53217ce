package dev.netpollab.probe;

import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.lab.Diagnostics;
import dev.netpollab.lab.DiagnosticsBundle;
import dev.netpollab.lab.LabException;
import dev.netpollab.lab.PodExec;
import dev.netpollab.policy.PolicyEngine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Real probes: one exec per source pod per round, running all of that pod's probes at once inside it
 * (see {@link ProbeScript}), with a bounded number of execs in flight. Each result is classified (allowed,
 * blocked, dns-failed, refused, error) from the real tools' answers and carries the engine's prediction, so
 * a CNI that disagrees is shown, not hidden; a grade that ends in disagreement writes a diagnostics bundle.
 */
public final class CurlProber implements Prober {
    /** A dropped packet shows as a timeout after this long (curl --connect-timeout, dig +time, agnhost --timeout). */
    public static final Duration CONNECT_TIMEOUT = ProbeScript.CONNECT_TIMEOUT;
    /** curl -m: the whole request. */
    public static final Duration MAX_TIME = ProbeScript.MAX_TIME;
    /**
     * How many execs run at once (the upstream e2e uses 3 single-probe workers, cyclonus 15). Each exec carries
     * all probes of one pod, so with up to this many source pods a whole grade takes one connect timeout.
     */
    public static final int PARALLEL_EXECS = 8;
    /** Exec records kept for a diagnostics bundle. */
    private static final int RECORDS = 64;

    /** One exec as it happened: for diagnostics bundles. */
    public record ExecRecord(String pod, String script, PodExec.Result result, Duration took) {
    }

    private final PodExec exec;
    private final boolean rejectsDenied;
    private final Optional<Diagnostics> diagnostics;
    private final Deque<ExecRecord> records = new ArrayDeque<>();

    public CurlProber(PodExec exec, boolean rejectsDenied) {
        this(exec, rejectsDenied, Optional.empty());
    }

    /** @param diagnostics where to write a bundle when a grade's final probes disagree with the engine */
    public CurlProber(PodExec exec, boolean rejectsDenied, Optional<Diagnostics> diagnostics) {
        this.exec = exec;
        this.rejectsDenied = rejectsDenied;
        this.diagnostics = diagnostics;
    }

    @Override
    public boolean real() {
        return true;
    }

    @Override
    public boolean rejectsDenied() {
        return rejectsDenied;
    }

    @Override
    public String describe() {
        return "real probes: curl, dig and agnhost from inside each source pod (timeout " + CONNECT_TIMEOUT.toSeconds() + " s)"
                + (rejectsDenied ? "; the CNI rejects denied traffic, so refused counts as blocked (results approximate)" : "");
    }

    /** How long one exec may take: every probe is bounded inside the script, plus time for the exec itself. */
    static Duration execTimeout() {
        return ProbeScript.PROBE_BOUND.plusSeconds(5);
    }

    @Override
    public List<Observation> probe(ClusterSnapshot snapshot, List<Probe> probes) {
        PolicyEngine engine = PolicyEngine.compile(snapshot.topology(), snapshot.policies());
        Observation[] out = new Observation[probes.size()];
        List<Observation> predictions = new ArrayList<>();
        List<ProbePlan> plans = new ArrayList<>();
        Map<String, List<Integer>> bySource = new LinkedHashMap<>();
        for (int i = 0; i < probes.size(); i++) {
            Probe p = probes.get(i);
            predictions.add(predict(engine, snapshot, p));
            Optional<String> problem = ProbePlan.problem(snapshot, p);
            plans.add(problem.isEmpty() ? ProbePlan.of(snapshot, p) : null);
            if (problem.isPresent()) {
                out[i] = new Observation(p, Outcome.ERROR, problem.get(), predictions.get(i).predicted(), predictions.get(i).verdict());
            } else {
                bySource.computeIfAbsent(p.from(), k -> new ArrayList<>()).add(i);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL_EXECS, bySource.size())), r -> {
            Thread t = new Thread(r, "probe");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, Future<PodExec.Result>> running = new LinkedHashMap<>();
            Map<String, String> scripts = new LinkedHashMap<>();
            long started = System.nanoTime();
            for (var e : bySource.entrySet()) {
                String script = ProbeScript.of(plans, e.getValue());
                scripts.put(e.getKey(), script);
                String[] src = e.getKey().split("/", 2);
                running.put(e.getKey(), pool.submit(() -> exec.exec(src[0], src[1], execTimeout(), "sh", "-c", script)));
            }
            for (var e : bySource.entrySet()) {
                PodExec.Result r = result(running.get(e.getKey()));
                record(new ExecRecord(e.getKey(), scripts.get(e.getKey()), r, Duration.ofNanos(System.nanoTime() - started)));
                // Lines printed before an exec was cut short still count; only the missing ones are errors.
                Map<String, ProbeReading.Line> lines = ProbeReading.parse(r.stdout());
                String missing = r.execFailed() ? "exec into " + e.getKey() + " failed: " + r.error()
                        : "exit " + r.exitCode() + ": " + firstLine(r.stderr());
                for (int i : e.getValue()) {
                    out[i] = ProbeReading.read(plans.get(i), Optional.ofNullable(lines.get(String.valueOf(i))),
                            Optional.ofNullable(lines.get(i + ProbeScript.LOOKUP)), missing, predictions.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return List.of(out);
    }

    /** The engine's prediction, in this CNI's terms: where denied traffic is rejected, a block shows as refused. */
    private Observation predict(PolicyEngine engine, ClusterSnapshot snapshot, Probe p) {
        Observation o = ModelProber.observe(engine, snapshot, p);
        return rejectsDenied && o.predicted() == Outcome.BLOCKED ? new Observation(p, o.outcome(), o.detail(), Outcome.REFUSED, o.verdict()) : o;
    }

    private static PodExec.Result result(Future<PodExec.Result> f) {
        try {
            return f.get();
        } catch (ExecutionException ex) {
            return new PodExec.Result(-1, "", "", LabException.rootMessage(ex));
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new PodExec.Result(-1, "", "", "interrupted");
        }
    }

    private synchronized void record(ExecRecord r) {
        records.addLast(r);
        while (records.size() > RECORDS) {
            records.removeFirst();
        }
    }

    /** The latest execs (script, raw output, time), oldest first. */
    public synchronized List<ExecRecord> recentExecs() {
        return List.copyOf(records);
    }

    /** When the final probes of a grade disagree with the engine, a diagnostics bundle and the line that says where it is. */
    @Override
    public Optional<String> reportDisagreements(List<Observation> observed) {
        List<Observation> wrong = observed.stream().filter(o -> !o.matchesPrediction()).toList();
        if (wrong.isEmpty() || diagnostics.isEmpty()) {
            return Optional.empty();
        }
        try {
            DiagnosticsBundle b = diagnostics.get().write(wrong.size() + " real probe(s) disagree with the engine's prediction", bundle -> {
                StringBuilder obs = new StringBuilder();
                for (Observation o : observed) {
                    obs.append(o.matchesPrediction() ? "  " : "! ").append(o.probe()).append(": ").append(o.outcome().label())
                            .append(" (predicted ").append(o.predicted().label()).append(") — ").append(o.detail()).append('\n');
                }
                bundle.write("probe-observations.txt", obs.toString());
                bundle.write("probe-execs.txt", execsText(recentExecs()));
            });
            return Optional.of(b.sendLine());
        } catch (LabException e) {
            return Optional.of("could not write a diagnostics bundle: " + e.getMessage());
        }
    }

    /** Scripts with their raw output, as a person reads them. */
    public static String execsText(List<ExecRecord> execs) {
        StringBuilder b = new StringBuilder();
        for (ExecRecord r : execs) {
            b.append("=== exec in ").append(r.pod()).append(" (").append(r.took().toMillis()).append(" ms): exit ").append(r.result().exitCode())
                    .append(r.result().error().isEmpty() ? "" : ", exec failed: " + r.result().error()).append('\n')
                    .append("--- script\n").append(r.script()).append("--- stdout\n").append(r.result().stdout())
                    .append("\n--- stderr\n").append(r.result().stderr()).append('\n');
        }
        return b.toString();
    }

    private static String firstLine(String s) {
        return s == null || s.isBlank() ? "no output" : s.lines().findFirst().orElse("");
    }
}
