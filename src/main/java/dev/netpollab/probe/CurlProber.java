package dev.netpollab.probe;

import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.lab.PodExec;
import dev.netpollab.policy.PolicyEngine;
import dev.netpollab.policy.Protocol;
import dev.netpollab.scenario.Target;
import io.fabric8.kubernetes.api.model.Pod;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real probes: one exec per source pod per round, running all of that pod's probes at once inside it
 * (curl for TCP, agnhost connect for UDP and SCTP), with a short connect timeout; a bounded number of
 * execs in flight. Each result is classified (allowed, blocked, dns-failed, refused, error) and carries
 * the engine's prediction, so a CNI that disagrees is shown, not hidden.
 */
public final class CurlProber implements Prober {
    /** curl --connect-timeout; a dropped SYN shows as a timeout after this long. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** curl -m: the whole request. */
    public static final Duration MAX_TIME = Duration.ofSeconds(4);
    /** How many execs run at once (the upstream e2e uses 3, cyclonus 15). */
    public static final int PARALLEL_EXECS = 4;
    private static final Pattern LINE = Pattern.compile("^@@(\\d+) (-?\\d+) ?(.*)$");

    private final PodExec exec;
    private final boolean rejectsDenied;

    public CurlProber(PodExec exec, boolean rejectsDenied) {
        this.exec = exec;
        this.rejectsDenied = rejectsDenied;
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
        return "real probes: curl from inside each source pod (connect timeout " + CONNECT_TIMEOUT.toSeconds() + " s)"
                + (rejectsDenied ? "; the CNI rejects denied traffic, so refused counts as blocked (results approximate)" : "");
    }

    @Override
    public List<Observation> probe(ClusterSnapshot snapshot, List<Probe> probes) {
        PolicyEngine engine = PolicyEngine.compile(snapshot.topology(), snapshot.policies());
        Observation[] out = new Observation[probes.size()];
        List<Observation> predictions = new ArrayList<>();
        for (Probe p : probes) {
            predictions.add(ModelProber.observe(engine, snapshot, p));
        }
        Map<String, List<Integer>> bySource = new LinkedHashMap<>();
        for (int i = 0; i < probes.size(); i++) {
            Probe p = probes.get(i);
            Optional<Pod> src = snapshot.pod(p.fromNamespace(), p.fromName());
            Optional<String> problem = src.isEmpty() ? Optional.of("source pod " + p.from() + " does not exist")
                    : !ClusterSnapshot.ready(src.get()) ? Optional.of("source pod " + p.from() + " is not ready") : target(snapshot, p).isEmpty()
                    ? Optional.of("no address for " + p.to().text() + " (" + missing(snapshot, p) + ")") : Optional.empty();
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
            for (var e : bySource.entrySet()) {
                String script = script(snapshot, probes, e.getValue());
                String[] src = e.getKey().split("/", 2);
                running.put(e.getKey(), pool.submit(() -> exec.exec(src[0], src[1], execTimeout(), "sh", "-c", script)));
            }
            for (var e : bySource.entrySet()) {
                PodExec.Result r;
                try {
                    r = running.get(e.getKey()).get();
                } catch (ExecutionException ex) {
                    r = new PodExec.Result(-1, "", "", String.valueOf(ex.getCause()));
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    r = new PodExec.Result(-1, "", "", "interrupted");
                }
                Map<Integer, String[]> lines = parse(r.stdout());
                for (int i : e.getValue()) {
                    Probe p = probes.get(i);
                    Observation pred = predictions.get(i);
                    if (r.execFailed()) {
                        out[i] = new Observation(p, Outcome.ERROR, "exec into " + p.from() + " failed: " + r.error(), pred.predicted(), pred.verdict());
                        continue;
                    }
                    String[] line = lines.get(i);
                    out[i] = line == null
                            ? new Observation(p, Outcome.ERROR, "the probe printed no result (exit " + r.exitCode() + ": " + firstLine(r.stderr()) + ")",
                            pred.predicted(), pred.verdict())
                            : classify(p, Integer.parseInt(line[0]), line[1], pred);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return List.of(out);
    }

    static Duration execTimeout() {
        return CONNECT_TIMEOUT.plus(MAX_TIME).plusSeconds(5);
    }

    /** The shell script run in one source pod: every probe in the background, one result line each, then wait. */
    static String script(ClusterSnapshot snapshot, List<Probe> probes, List<Integer> indexes) {
        StringBuilder b = new StringBuilder();
        for (int i : indexes) {
            Probe p = probes.get(i);
            String host = target(snapshot, p).orElseThrow();
            String cmd = p.protocol() == Protocol.TCP
                    ? "curl -sS -o /dev/null --connect-timeout " + CONNECT_TIMEOUT.toSeconds() + " -m " + MAX_TIME.toSeconds()
                    + " -w '%{http_code}' 'http://" + hostPort(host, p.port()) + "/'"
                    : "/agnhost connect '" + hostPort(host, p.port()) + "' --timeout=" + CONNECT_TIMEOUT.toSeconds() + "s --protocol="
                    + p.protocol().name().toLowerCase(java.util.Locale.ROOT);
            b.append("( o=$(").append(cmd).append(" 2>&1); rc=$?; printf '@@%s %s %s\\n' ").append(i)
                    .append(" \"$rc\" \"$(printf '%s' \"$o\" | tr '\\n' ' ')\" ) &\n");
        }
        b.append("wait\n");
        return b.toString();
    }

    private static String hostPort(String host, int port) {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    /** Pod IP, Service DNS name, or external IP. */
    static Optional<String> target(ClusterSnapshot snapshot, Probe p) {
        if (p.to() instanceof Target.Pod t) {
            return snapshot.pod(t.namespace(), t.name()).map(pod -> pod.getStatus() == null ? null : pod.getStatus().getPodIP());
        }
        if (p.to() instanceof Target.Service t) {
            return Optional.of(t.name() + "." + t.namespace() + ".svc.cluster.local");
        }
        Target.External t = (Target.External) p.to();
        return snapshot.externals().stream().filter(e -> e.name().equals(t.name())).findFirst().map(e -> e.ip());
    }

    private static String missing(ClusterSnapshot snapshot, Probe p) {
        return p.to() instanceof Target.Pod t && snapshot.pod(t.namespace(), t.name()).isEmpty() ? "the pod does not exist" : "no IP yet";
    }

    static Map<Integer, String[]> parse(String stdout) {
        Map<Integer, String[]> out = new HashMap<>();
        for (String line : stdout.split("\n")) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches()) {
                out.put(Integer.parseInt(m.group(1)), new String[]{m.group(2), m.group(3).strip()});
            }
        }
        return out;
    }

    /**
     * curl: 0 connected (any HTTP status), 28 timed out (dropped), 7 refused (reset or nothing listening),
     * 6 name not resolved. agnhost connect: exit 0, or TIMEOUT / REFUSED / DNS: on stderr.
     */
    static Observation classify(Probe p, int code, String text, Observation prediction) {
        Outcome o;
        String detail;
        if (p.protocol() == Protocol.TCP) {
            switch (code) {
                case 0 -> {
                    o = Outcome.ALLOWED;
                    detail = "connected (HTTP " + text + ")";
                }
                case 28 -> {
                    o = Outcome.BLOCKED;
                    detail = "no answer within " + CONNECT_TIMEOUT.toSeconds() + " s: the packet was dropped (curl exit 28)";
                }
                case 7 -> {
                    o = Outcome.REFUSED;
                    detail = "connection refused (curl exit 7)";
                }
                case 6 -> {
                    o = Outcome.DNS_FAILED;
                    detail = "could not resolve the name (curl exit 6)";
                }
                case 52 -> {
                    o = Outcome.ALLOWED;
                    detail = "connected; the server closed without a reply (curl exit 52)";
                }
                default -> {
                    o = Outcome.ERROR;
                    detail = "curl exit " + code + ": " + text;
                }
            }
        } else if (code == 0) {
            o = Outcome.ALLOWED;
            detail = "answered (" + p.protocol() + ")";
        } else if (text.startsWith("TIMEOUT")) {
            o = Outcome.BLOCKED;
            detail = "no answer within " + CONNECT_TIMEOUT.toSeconds() + " s: dropped (" + p.protocol() + ")";
        } else if (text.startsWith("REFUSED")) {
            o = Outcome.REFUSED;
            detail = "refused (" + p.protocol() + ")";
        } else if (text.startsWith("DNS")) {
            o = Outcome.DNS_FAILED;
            detail = "could not resolve the name";
        } else {
            o = Outcome.ERROR;
            detail = "agnhost connect exit " + code + ": " + text;
        }
        return new Observation(p, o, detail, prediction.predicted(), prediction.verdict());
    }

    private static String firstLine(String s) {
        return s == null || s.isBlank() ? "no output" : s.lines().findFirst().orElse("");
    }

}
