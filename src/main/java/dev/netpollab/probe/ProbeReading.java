package dev.netpollab.probe;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the probe script printed and classifies each probe from the real tools' answers:
 * <ul>
 * <li>curl: 0 connected (any HTTP status); 28 timed out: dropped, unless the TCP connection was made
 * ({@code time_connect > 0}: allowed, the server was slow) or the name did not resolve ("Resolving timed
 * out"); 7 refused (reset or ICMP reject); 6 name not resolved; 52 connected, empty reply.</li>
 * <li>agnhost connect: exit 0, or {@code TIMEOUT} / {@code REFUSED} / {@code DNS:} on stderr.</li>
 * <li>dig: a header with {@code status:} is an answer (whatever the status: the server was reached);
 * "timed out" is dropped; "connection refused" is refused.</li>
 * <li>exit 124 or 143 (coreutils' and busybox's {@code timeout}) or 137: the probe hit its hard bound.</li>
 * </ul>
 */
final class ProbeReading {
    private static final Pattern LINE = Pattern.compile("^@@(\\d+)(" + ProbeScript.LOOKUP + "?) (-?\\d+) ?(.*)$");
    /** curl's -w output, marked so that it is found before or after its error message (stdout and stderr share the line). */
    private static final Pattern CURL_WRITE_OUT = Pattern.compile("curl-w:(\\d{3}):(\\d+(?:\\.\\d+)?)");
    private static final Pattern DIG_STATUS = Pattern.compile("status: ([A-Z]+)");
    private static final Pattern DIG_ANSWERS = Pattern.compile("ANSWER: (\\d+)");

    /** One printed result: the tool's exit code and its output on one line. */
    record Line(int exitCode, String text) {
    }

    /**
     * The complete lines of one script's output, by key ({@code 3} for probe 3's connection, {@code 3n} for its
     * lookup). Text after the last newline is ignored: an exec cut short may end in half a line.
     */
    static Map<String, Line> parse(String stdout) {
        Map<String, Line> out = new HashMap<>();
        int end = stdout.lastIndexOf('\n');
        for (String raw : stdout.substring(0, end + 1).split("\n")) {
            Matcher m = LINE.matcher(raw.strip());
            if (m.matches()) {
                out.put(m.group(1) + m.group(2), new Line(Integer.parseInt(m.group(3)), m.group(4).strip()));
            }
        }
        return out;
    }

    private ProbeReading() {
    }

    /**
     * @param connect the connection's line, if printed
     * @param lookup  the Service name lookup's line, if the plan has one and it was printed
     * @param missing why a line that should be there is not (exec cut short, nothing printed)
     */
    static Observation read(ProbePlan plan, Optional<Line> connect, Optional<Line> lookup, String missing, Observation prediction) {
        Probe p = plan.probe();
        if (plan.lookup().isPresent()) {
            if (lookup.isEmpty()) {
                return of(p, Outcome.ERROR, "the lookup of " + plan.lookup().get() + " printed no result (" + missing + ")", prediction);
            }
            Optional<Failure> failed = lookupFailure(lookup.get());
            if (failed.isPresent()) {
                return of(p, failed.get().outcome(), failed.get().detail(), prediction);
            }
            if (plan.address().isEmpty()) {
                return of(p, Outcome.ERROR, plan.lookup().get() + " resolves, but the Service was not in the cluster when probing began", prediction);
            }
        }
        if (connect.isEmpty()) {
            return of(p, Outcome.ERROR, "the probe printed no result (" + missing + ")", prediction);
        }
        Line l = connect.get();
        if (bounded(l.exitCode())) {
            return of(p, Outcome.ERROR, "the probe did not finish within " + ProbeScript.PROBE_BOUND.toSeconds() + " s (exit " + l.exitCode() + ")",
                    prediction);
        }
        return switch (plan.method()) {
            case HTTP -> curl(p, l, prediction);
            case CONNECT -> agnhost(p, l, prediction);
            case DNS -> dig(p, l, prediction);
        };
    }

    private static Observation curl(Probe p, Line l, Observation prediction) {
        long wait = ProbeScript.CONNECT_TIMEOUT.toSeconds();
        Matcher w = CURL_WRITE_OUT.matcher(l.text());
        boolean found = w.find();
        String status = found ? w.group(1) : "000";
        boolean connected = found && Double.parseDouble(w.group(2)) > 0;
        return switch (l.exitCode()) {
            case 0 -> of(p, Outcome.ALLOWED, "connected (HTTP " + status + ")", prediction);
            case 28 -> connected ? of(p, Outcome.ALLOWED, "connected; the server sent no complete answer within " + ProbeScript.MAX_TIME.toSeconds()
                    + " s (curl exit 28)", prediction)
                    : l.text().contains("Resolving timed out") ? of(p, Outcome.DNS_FAILED, "the name did not resolve within " + wait
                    + " s: DNS was dropped (curl exit 28)", prediction)
                    : of(p, Outcome.BLOCKED, "no answer within " + wait + " s: the packet was dropped (curl exit 28)", prediction);
            case 7 -> of(p, Outcome.REFUSED, "connection refused (curl exit 7)", prediction);
            case 6 -> of(p, Outcome.DNS_FAILED, "could not resolve the name (curl exit 6)", prediction);
            case 52 -> of(p, Outcome.ALLOWED, "connected; the server closed without a reply (curl exit 52)", prediction);
            default -> of(p, Outcome.ERROR, "curl exit " + l.exitCode() + ": " + l.text(), prediction);
        };
    }

    private static Observation agnhost(Probe p, Line l, Observation prediction) {
        String proto = p.protocol().name();
        if (l.exitCode() == 0) {
            return of(p, Outcome.ALLOWED, "answered (" + proto + ")", prediction);
        }
        String t = l.text();
        if (t.startsWith("TIMEOUT")) {
            return of(p, Outcome.BLOCKED, "no answer within " + ProbeScript.CONNECT_TIMEOUT.toSeconds() + " s: dropped (" + proto + ")", prediction);
        }
        if (t.startsWith("REFUSED")) {
            return of(p, Outcome.REFUSED, "refused (" + proto + ")", prediction);
        }
        if (t.startsWith("DNS")) {
            return of(p, Outcome.DNS_FAILED, "could not resolve the name", prediction);
        }
        return of(p, Outcome.ERROR, "agnhost connect exit " + l.exitCode() + ": " + t, prediction);
    }

    private static Observation dig(Probe p, Line l, Observation prediction) {
        String via = p.protocol().name() + " " + p.port();
        Matcher status = DIG_STATUS.matcher(l.text());
        if (status.find()) {
            return of(p, Outcome.ALLOWED, "the DNS server answered over " + via + " (status " + status.group(1) + ")", prediction);
        }
        String t = l.text().toLowerCase(Locale.ROOT);
        if (t.contains("refused")) {
            return of(p, Outcome.REFUSED, "the DNS query over " + via + " was refused (dig: connection refused)", prediction);
        }
        if (t.contains("timed out")) {
            return of(p, Outcome.BLOCKED, "no DNS answer over " + via + " within " + ProbeScript.CONNECT_TIMEOUT.toSeconds()
                    + " s: the query was dropped (dig timed out)", prediction);
        }
        return of(p, Outcome.ERROR, "dig exit " + l.exitCode() + ": " + l.text(), prediction);
    }

    /** Why a lookup failed: dns-failed when DNS said no or did not answer, error when the probe itself broke. */
    record Failure(Outcome outcome, String detail) {
        static Failure dns(String detail) {
            return new Failure(Outcome.DNS_FAILED, "the name did not resolve: " + detail);
        }
    }

    /** Why a Service name did not resolve, or empty when it resolved to an address. */
    static Optional<Failure> lookupFailure(Line l) {
        Matcher status = DIG_STATUS.matcher(l.text());
        if (status.find()) {
            if (!status.group(1).equals("NOERROR")) {
                return Optional.of(Failure.dns("the DNS server answered " + status.group(1)
                        + (status.group(1).equals("NXDOMAIN") ? " (no such Service)" : "")));
            }
            Matcher answers = DIG_ANSWERS.matcher(l.text());
            return answers.find() && Integer.parseInt(answers.group(1)) > 0 ? Optional.empty()
                    : Optional.of(Failure.dns("the DNS server answered with no address"));
        }
        String t = l.text().toLowerCase(Locale.ROOT);
        if (t.contains("timed out") || bounded(l.exitCode())) {
            return Optional.of(Failure.dns("no DNS answer within " + ProbeScript.CONNECT_TIMEOUT.toSeconds()
                    + " s, so DNS egress is dropped (dig timed out)"));
        }
        if (t.contains("refused")) {
            return Optional.of(Failure.dns("the DNS query was refused (dig: connection refused)"));
        }
        return Optional.of(new Failure(Outcome.ERROR, "the lookup failed: dig exit " + l.exitCode() + ": " + l.text()));
    }

    private static boolean bounded(int exitCode) {
        return exitCode == 124 || exitCode == 143 || exitCode == 137;
    }

    private static Observation of(Probe p, Outcome o, String detail, Observation prediction) {
        return new Observation(p, o, detail, prediction.predicted(), prediction.verdict());
    }
}
