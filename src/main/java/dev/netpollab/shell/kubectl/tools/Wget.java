package dev.netpollab.shell.kubectl.tools;

import dev.netpollab.policy.Protocol;
import dev.netpollab.probe.Outcome;

import java.util.ArrayList;
import java.util.List;

/**
 * busybox wget (in agnhost, busybox and alpine images): "Connecting to NAME (IP:PORT)", "wget: download timed out"
 * after {@code -T} seconds (900 by default) when policy drops the connection, "can't connect to remote host ...
 * Connection refused", "bad address 'NAME'" when the name does not resolve; exit status 1 for every failure. Errors
 * are printed even with {@code -q}.
 */
final class Wget {
    static final long DEFAULT_TIMEOUT_MS = 900_000;
    private final PodNetwork net;

    Wget(PodNetwork net) {
        this.net = net;
    }

    NetTools.Result run(List<String> args) {
        boolean quiet = false;
        boolean spider = false;
        String output = null;
        long timeout = DEFAULT_TIMEOUT_MS;
        List<String> urls = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            try {
                if (a.equals("--spider")) {
                    spider = true;
                } else if (a.equals("-q") || a.equals("--quiet")) {
                    quiet = true;
                } else if (a.startsWith("--timeout")) {
                    timeout = seconds(a.contains("=") ? a.substring(a.indexOf('=') + 1) : args.get(++i));
                } else if (a.startsWith("--output-document")) {
                    output = a.contains("=") ? a.substring(a.indexOf('=') + 1) : args.get(++i);
                } else if (a.startsWith("-") && !a.startsWith("--") && a.length() > 1) {
                    for (int k = 1; k < a.length(); k++) {
                        char c = a.charAt(k);
                        if (c == 'q') {
                            quiet = true;
                        } else if (c == 'O' || c == 'T' || c == 'U' || c == 'Y' || c == 'P') {
                            String v = k + 1 < a.length() ? a.substring(k + 1) : args.get(++i);
                            if (c == 'O') {
                                output = v;
                            } else if (c == 'T') {
                                timeout = seconds(v);
                            }
                            break;
                        } else if (c != 'S' && c != 'c') {
                            out.append("wget: unrecognized option '").append(a).append("'\nBusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\n")
                                    .append("Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n")
                                    .append("\t[-P DIR] [-U AGENT] [-T SEC] URL...\n");
                            return NetTools.Result.of(out, 1, 0);
                        }
                    }
                } else {
                    urls.add(a);
                }
            } catch (IndexOutOfBoundsException e) {
                out.append("wget: option requires an argument -- '").append(a.charAt(a.length() - 1)).append("'\n");
                return NetTools.Result.of(out, 1, 0);
            }
        }
        if (urls.isEmpty()) {
            out.append("BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] "
                    + "[--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n");
            return NetTools.Result.of(out, 1, 0);
        }
        Url url = Url.parse(urls.get(0));
        PodNetwork.Resolution r = net.resolve(url.host(), true);
        if (r.lookup() != PodNetwork.Lookup.FOUND) {
            out.append("wget: bad address '").append(url.host()).append("'\n");
            return NetTools.Result.of(out, 1, r.lookup() == PodNetwork.Lookup.DNS_BLOCKED ? Curl.RESOLVER_TIMEOUT_MS : 2);
        }
        if (!quiet) {
            out.append("Connecting to ").append(url.hostPort()).append(" (").append(r.ip()).append(':').append(url.port()).append(")\n");
        }
        PodNetwork.Connection c = net.connect(r, url.port(), Protocol.TCP);
        if (c.outcome() == Outcome.BLOCKED) {
            out.append("wget: download timed out\n");
            return NetTools.Result.of(out, 1, timeout);
        }
        if (c.outcome() != Outcome.ALLOWED) {
            out.append("wget: can't connect to remote host (").append(r.ip()).append("): ")
                    .append(c.nothingThere() ? "Host is unreachable" : "Connection refused").append('\n');
            return NetTools.Result.of(out, 1, c.nothingThere() ? 3_000 : 1);
        }
        if (c.body() == null || url.https()) {
            out.append("wget: error getting response: Connection reset by peer\n");
            return NetTools.Result.of(out, 1, 2);
        }
        String body = c.body();
        if (spider) {
            if (!quiet) {
                out.append("remote file exists\n");
            }
            return NetTools.Result.of(out, 0, 2);
        }
        boolean toStdout = "-".equals(output);
        String file = output == null ? "index.html" : output;
        if (!quiet) {
            out.append(toStdout ? "writing to stdout\n" : "saving to '" + file + "'\n");
        }
        if (toStdout) {
            out.append(body);
        }
        if (!quiet) {
            out.append(String.format("%-20s 100%% |********************************| %5d  0:00:00 ETA%n", toStdout ? "-" : file, body.length()));
            out.append(toStdout ? "written to stdout\n" : "'" + file + "' saved\n");
        }
        return NetTools.Result.of(out, 0, 2);
    }

    private static long seconds(String v) {
        return Math.round(Double.parseDouble(v) * 1000);
    }
}
