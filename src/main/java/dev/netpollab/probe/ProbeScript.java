package dev.netpollab.probe;

import dev.netpollab.lab.ShellQuote;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The shell script run in one source pod: every probe in the background, each bounded by its own
 * {@code timeout}, each printing one line {@code @@KEY EXIT OUTPUT} as soon as it ends (one short write, which
 * the pipe keeps whole), then {@code wait}.
 * Lines already printed survive an exec that is cut short. Every word that comes from a scenario, the API
 * or a learner (addresses, Service names) is single-quoted, so it is never run as shell code.
 * <p>
 * Tools, all in the agnhost image (Alpine with busybox, curl, bind-tools, /agnhost): {@code curl} for TCP,
 * {@code /agnhost connect} for UDP and SCTP, {@code dig} for DNS. {@code $NETPOL_LAB_AGNHOST} may point
 * elsewhere for a test bed; in a pod it is unset.
 */
final class ProbeScript {
    /** curl --connect-timeout, dig +time and agnhost --timeout: a dropped packet shows as a timeout after this long. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** curl -m: the whole request. */
    static final Duration MAX_TIME = Duration.ofSeconds(4);
    /** The hard bound of one probe ({@code timeout N}): a probe that ignores its own timeout is stopped here. */
    static final Duration PROBE_BOUND = MAX_TIME.plusSeconds(1);
    /** What dig asks a DNS server: a name CoreDNS answers from its own zone, without asking upstream. */
    static final String DNS_QUESTION = "kubernetes.default." + ProbePlan.SERVICE_DOMAIN;
    /** Suffix of the key of a Service's name lookup line. */
    static final String LOOKUP = "n";

    private ProbeScript() {
    }

    /** The script for these probes of one source pod; keys are the indexes of the plans in {@code plans}. */
    static String of(List<ProbePlan> plans, List<Integer> indexes) {
        StringBuilder b = new StringBuilder("A=\"${NETPOL_LAB_AGNHOST:-/agnhost}\"\n");
        for (int i : indexes) {
            ProbePlan p = plans.get(i);
            p.address().ifPresent(a -> b.append(line(String.valueOf(i), command(p, a))));
            p.lookup().ifPresent(name -> b.append(line(i + LOOKUP, lookup(name))));
        }
        return b.append("wait\n").toString();
    }

    static String command(ProbePlan p, String address) {
        String bound = "timeout " + PROBE_BOUND.toSeconds() + " ";
        int port = p.probe().port();
        return bound + switch (p.method()) {
            case HTTP -> "curl -sS -o /dev/null --connect-timeout " + CONNECT_TIMEOUT.toSeconds() + " -m " + MAX_TIME.toSeconds()
                    + " -w ' curl-w:%{http_code}:%{time_connect} ' " + ShellQuote.quote("http://" + hostPort(address, port) + "/");
            case CONNECT -> "\"$A\" connect " + ShellQuote.quote(hostPort(address, port)) + " --timeout=" + CONNECT_TIMEOUT.toSeconds()
                    + "s --protocol=" + p.probe().protocol().name().toLowerCase(Locale.ROOT);
            case DNS -> "dig " + ShellQuote.quote("@" + address) + " -p " + port + " +time=" + CONNECT_TIMEOUT.toSeconds() + " +tries=1 "
                    + (p.probe().protocol() == dev.netpollab.policy.Protocol.TCP ? "+tcp" : "+notcp") + " +noall +comments " + DNS_QUESTION;
        };
    }

    /** A Service's name through the pod's own resolver (cluster DNS), over UDP as the pod's resolver asks. */
    static String lookup(String name) {
        return "timeout " + PROBE_BOUND.toSeconds() + " dig +time=" + CONNECT_TIMEOUT.toSeconds() + " +tries=1 +notcp +noall +comments "
                + ShellQuote.quote(name);
    }

    /**
     * One probe in the background. Its output is put on one line by the shell itself (split into words with
     * globbing off, joined by spaces), without a pipe through other processes: fifty probes in one pod are
     * fifty process trees at once, and every fork counts on a busy node.
     */
    private static String line(String key, String command) {
        return "( o=$(" + command + " 2>&1); rc=$?; set -f; set -- $o; printf '@@%s %s %s\\n' " + key + " \"$rc\" \"$*\" ) &\n";
    }

    private static String hostPort(String host, int port) {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
