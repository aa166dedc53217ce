package dev.netpollab.shell.kubectl.tools;

import dev.netpollab.policy.Protocol;
import dev.netpollab.probe.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * curl 8 as agnhost's Alpine ships it. Messages and exit codes: 6 "Could not resolve host", 7 "Failed to connect ...
 * Could not connect to server" (refused), 28 "Connection timed out after N milliseconds" when {@code -m} or
 * {@code --connect-timeout} runs out (dropped by policy), "Resolving timed out" when DNS is blocked and the timeout is
 * shorter than the resolver's 10 s. {@code -s} hides errors unless {@code -S}; without {@code -s} and without a
 * terminal, the progress meter goes to stderr, as it does in {@code kubectl exec} without {@code -t}.
 */
final class Curl {
    /** Linux gives up on an unanswered SYN after about 130 s (tcp_syn_retries=6). */
    static final long KERNEL_CONNECT_TIMEOUT_MS = 130_000;
    /** musl's resolver: 5 s per attempt, 2 attempts. */
    static final long RESOLVER_TIMEOUT_MS = 10_000;
    private static final Set<String> VALUE_OPTIONS = Set.of("-m", "--max-time", "--connect-timeout", "-o", "--output", "-w", "--write-out", "-X",
            "--request", "-H", "--header", "-d", "--data", "--data-raw", "-A", "--user-agent", "-u", "--user", "-e", "--referer", "--retry",
            "--resolve", "-x", "--proxy", "--cacert", "-E", "--cert", "--interface", "-r", "--range", "-b", "--cookie", "-T", "--upload-file");
    private static final Set<String> FLAG_OPTIONS = Set.of("-s", "--silent", "-S", "--show-error", "-v", "--verbose", "-I", "--head", "-k",
            "--insecure", "-L", "--location", "-f", "--fail", "-i", "--include", "-4", "--ipv4", "-N", "--no-buffer", "--no-progress-meter", "-q",
            "-O", "--remote-name", "-#", "--progress-bar", "--http1.1", "-g", "--globoff");

    private final PodNetwork net;
    private final boolean tty;
    private boolean silent;
    private boolean showError;
    private boolean verbose;
    private boolean head;
    private boolean include;
    private boolean noMeter;
    private String output;
    private String writeOut;
    private Double maxTime;
    private Double connectTimeout;

    Curl(PodNetwork net, boolean tty) {
        this.net = net;
        this.tty = tty;
    }

    NetTools.Result run(List<String> args) {
        List<String> urls = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-") || a.equals("-")) {
                urls.add(a);
                continue;
            }
            String name = a;
            String value = null;
            if (a.startsWith("--") && a.contains("=")) {
                return usage(out, "option " + a + ": is unknown");
            }
            if (!a.startsWith("--") && a.length() > 2) {
                // Clustered short options: -sS, -sSm2, -m2, -o/dev/null.
                for (int k = 1; k < a.length(); k++) {
                    String opt = "-" + a.charAt(k);
                    if (VALUE_OPTIONS.contains(opt)) {
                        String v = k + 1 < a.length() ? a.substring(k + 1) : i + 1 < args.size() ? args.get(++i) : null;
                        if (v == null) {
                            return usage(out, "option " + opt + ": requires parameter");
                        }
                        String err = apply(opt, v);
                        if (err != null) {
                            return usage(out, err);
                        }
                        break;
                    }
                    if (!FLAG_OPTIONS.contains(opt)) {
                        return usage(out, "option " + a + ": is unknown");
                    }
                    apply(opt, null);
                }
                continue;
            }
            if (VALUE_OPTIONS.contains(name)) {
                if (i + 1 >= args.size()) {
                    return usage(out, "option " + name + ": requires parameter");
                }
                value = args.get(++i);
                String err = apply(name, value);
                if (err != null) {
                    return usage(out, err);
                }
            } else if (FLAG_OPTIONS.contains(name)) {
                apply(name, null);
            } else {
                return usage(out, "option " + name + ": is unknown");
            }
        }
        if (urls.isEmpty()) {
            out.append("curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
            return NetTools.Result.of(out, 2, 0);
        }
        int exit = 0;
        long millis = 0;
        for (String url : urls) {
            NetTools.Result r = one(Url.parse(url));
            out.append(r.output());
            exit = r.exit();
            millis += r.millis();
        }
        return NetTools.Result.of(out, exit, millis);
    }

    private String apply(String opt, String value) {
        try {
            switch (opt) {
                case "-s", "--silent" -> silent = true;
                case "-S", "--show-error" -> showError = true;
                case "-v", "--verbose" -> verbose = true;
                case "-I", "--head" -> head = true;
                case "-i", "--include" -> include = true;
                case "--no-progress-meter" -> noMeter = true;
                case "-o", "--output" -> output = value;
                case "-w", "--write-out" -> writeOut = value;
                case "-m", "--max-time" -> maxTime = Double.parseDouble(value);
                case "--connect-timeout" -> connectTimeout = Double.parseDouble(value);
                default -> {
                }
            }
        } catch (NumberFormatException e) {
            return "option " + opt + ": expected a proper numerical parameter";
        }
        return null;
    }

    private static NetTools.Result usage(StringBuilder out, String why) {
        out.append("curl: ").append(why).append("\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
        return NetTools.Result.of(out, 2, 0);
    }

    /** The time limit of the connect phase in ms, or -1: {@code --connect-timeout} and {@code -m}, whichever is sooner. */
    private long connectLimit() {
        double t = Double.MAX_VALUE;
        if (connectTimeout != null && connectTimeout > 0) {
            t = connectTimeout;
        }
        if (maxTime != null && maxTime > 0) {
            t = Math.min(t, maxTime);
        }
        return t == Double.MAX_VALUE ? -1 : Math.round(t * 1000);
    }

    private NetTools.Result one(Url url) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        StringBuilder trace = new StringBuilder();
        long limit = connectLimit();
        PodNetwork.Resolution r = net.resolve(url.host(), true);
        long spent;
        int exit;
        String httpCode = "000";
        String body = null;
        String remoteIp = "";
        if (r.lookup() == PodNetwork.Lookup.DNS_BLOCKED) {
            if (limit >= 0 && limit < RESOLVER_TIMEOUT_MS) {
                spent = limit + 1;
                exit = 28;
                err.append("curl: (28) Resolving timed out after ").append(spent).append(" milliseconds\n");
            } else {
                spent = RESOLVER_TIMEOUT_MS;
                exit = 6;
                err.append("curl: (6) Could not resolve host: ").append(url.host()).append('\n');
            }
        } else if (r.lookup() == PodNetwork.Lookup.NXDOMAIN) {
            spent = 2;
            exit = 6;
            err.append("curl: (6) Could not resolve host: ").append(url.host()).append('\n');
        } else {
            remoteIp = r.ip();
            if (verbose) {
                trace.append("*   Trying ").append(r.ip()).append(':').append(url.port()).append("...\n");
            }
            PodNetwork.Connection c = net.connect(r, url.port(), Protocol.TCP);
            if (c.outcome() == Outcome.BLOCKED) {
                if (limit >= 0 && limit < KERNEL_CONNECT_TIMEOUT_MS) {
                    spent = limit + 1;
                    err.append("curl: (28) Connection timed out after ").append(spent).append(" milliseconds\n");
                } else {
                    spent = KERNEL_CONNECT_TIMEOUT_MS + 3_000;
                    err.append("curl: (28) Failed to connect to ").append(url.host()).append(" port ").append(url.port()).append(" after ")
                            .append(spent).append(" ms: Could not connect to server\n");
                }
                exit = 28;
            } else if (c.outcome() != Outcome.ALLOWED) {
                spent = c.nothingThere() ? 3_061 : 1;
                exit = 7;
                err.append("curl: (7) Failed to connect to ").append(url.host()).append(" port ").append(url.port()).append(" after ").append(spent)
                        .append(" ms: Could not connect to server\n");
                if (c.nothingThere()) {
                    err.append("netpol-lab: policy lets this through, but nothing in this lab answers at ").append(r.ip())
                            .append(" (a scenario declares outside hosts under world.externals)\n");
                }
            } else if (url.https() && c.body() != null && c.plainHttp()) {
                // World pods serve plain HTTP (agnhost porter): a TLS client hello gets an HTTP answer.
                spent = 3;
                exit = 35;
                if (verbose) {
                    trace.append("* Connected to ").append(url.host()).append(" (").append(r.ip()).append(") port ").append(url.port()).append('\n');
                }
                err.append("curl: (35) OpenSSL/3.3.3: error:0A00010B:SSL routines::wrong version number\n");
            } else if (c.body() == null) {
                spent = 2;
                exit = 52;
                err.append("curl: (52) Empty reply from server\n");
            } else {
                spent = 2;
                exit = 0;
                httpCode = "200";
                body = c.body();
                if (verbose) {
                    trace.append("* Connected to ").append(url.host()).append(" (").append(r.ip()).append(") port ").append(url.port()).append('\n')
                            .append("> ").append(head ? "HEAD" : "GET").append(' ').append(url.path()).append(" HTTP/1.1\n")
                            .append("> Host: ").append(url.hostPort()).append("\n> User-Agent: curl/8.12.1\n> Accept: */*\n>\n")
                            .append("< HTTP/1.1 200 OK\n< Content-Length: ").append(body.length())
                            .append("\n< Content-Type: text/plain; charset=utf-8\n<\n");
                }
            }
        }
        boolean meter = !silent && !tty && !verbose && !noMeter;
        if (meter) {
            err.insert(0, meter(exit == 0 && !head ? body.length() : 0, spent));
        }
        if (silent && !showError) {
            // -s without -S: curl says nothing about a failure; only the exit status tells.
            err.setLength(0);
        }
        if (exit == 0) {
            String headers = "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n";
            String shown = head ? headers : include ? headers + body : body;
            if (output == null || output.equals("-")) {
                out.append(shown);
            }
        }
        out.insert(0, err);
        out.insert(0, trace);
        if (writeOut != null) {
            out.append(writeOut(writeOut, httpCode, exit, remoteIp, url.port(), spent));
        }
        return NetTools.Result.of(out, exit, spent);
    }

    private static String meter(int bytes, long spentMs) {
        String head = "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n"
                + "                                 Dload  Upload   Total   Spent    Left  Speed\n";
        String spent = spentMs < 1000 ? "--:--:--" : String.format("%d:%02d:%02d", spentMs / 3_600_000, spentMs / 60_000 % 60, spentMs / 1000 % 60);
        String pct = bytes > 0 ? "100" : "0";
        String speed = bytes > 0 ? String.valueOf(bytes * 1000 / Math.max(1, spentMs)) : "0";
        return head + String.format("%3s %5d %4s %5d %4s %5s %6s %6s %8s %8s %8s %5s%n", pct, bytes, pct, bytes, "0", "0", speed, "0", "--:--:--",
                spent, "--:--:--", speed);
    }

    /** {@code -w}: curl's write-out variables and backslash escapes. */
    private static String writeOut(String format, String httpCode, int exit, String ip, int port, long spentMs) {
        return format.replace("%{http_code}", httpCode).replace("%{response_code}", httpCode).replace("%{exitcode}", String.valueOf(exit))
                .replace("%{remote_ip}", ip).replace("%{remote_port}", exit == 0 || exit == 52 ? String.valueOf(port) : "0")
                .replace("%{time_total}", String.format("%.6f", spentMs / 1000.0)).replace("%{time_connect}", String.format("%.6f", spentMs / 1000.0))
                .replace("\\n", "\n").replace("\\t", "\t").replace("\\r", "\r");
    }
}
