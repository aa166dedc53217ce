package dev.netpollab.shell.kubectl.tools;

import dev.netpollab.policy.Protocol;
import dev.netpollab.probe.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * netcat-openbsd (agnhost's {@code nc}): {@code nc -zv [-w SEC] [-u] HOST PORT}. With {@code -v}: "Connection to HOST
 * (IP) PORT port [tcp/http] succeeded!", "... (tcp) failed: Connection refused", "... (tcp) timed out: Operation now
 * in progress" after {@code -w}; without {@code -v} only the exit status speaks. A UDP "scan" always succeeds: there is
 * no handshake to fail, so {@code nc -zu} proves nothing about policy.
 */
final class Netcat {
    private static final Map<Integer, String> SERVICES = Map.ofEntries(Map.entry(22, "ssh"), Map.entry(25, "smtp"), Map.entry(53, "domain"),
            Map.entry(80, "http"), Map.entry(443, "https"), Map.entry(3306, "mysql"), Map.entry(5432, "postgresql"), Map.entry(6379, "redis"),
            Map.entry(8080, "http-alt"), Map.entry(9000, "cslistener"), Map.entry(6443, "sun-sr-https"), Map.entry(27017, "mongodb"));
    private final PodNetwork net;

    Netcat(PodNetwork net) {
        this.net = net;
    }

    NetTools.Result run(List<String> args) {
        boolean verbose = false;
        boolean udp = false;
        Long wait = null;
        List<String> operands = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-") || a.length() == 1) {
                operands.add(a);
                continue;
            }
            for (int k = 1; k < a.length(); k++) {
                char c = a.charAt(k);
                if (c == 'v') {
                    verbose = true;
                } else if (c == 'u') {
                    udp = true;
                } else if (c == 'w' || c == 'q' || c == 'p' || c == 's' || c == 'i') {
                    String v = k + 1 < a.length() ? a.substring(k + 1) : i + 1 < args.size() ? args.get(++i) : null;
                    if (v == null) {
                        out.append("nc: option requires an argument -- ").append(c).append('\n');
                        return NetTools.Result.of(out, 1, 0);
                    }
                    if (c == 'w') {
                        try {
                            wait = Math.round(Double.parseDouble(v) * 1000);
                        } catch (NumberFormatException e) {
                            out.append("nc: timeout invalid: ").append(v).append('\n');
                            return NetTools.Result.of(out, 1, 0);
                        }
                    }
                    break;
                } else if ("zn46Nkdt".indexOf(c) < 0) {
                    out.append("nc: invalid option -- '").append(c).append("'\nusage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] "
                            + "[-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s sourceaddr] "
                            + "[-T keyword] [-V rtable] [-W recvlimit]\n\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n\t  "
                            + "[destination] [port]\n");
                    return NetTools.Result.of(out, 1, 0);
                }
            }
        }
        if (operands.size() < 2) {
            out.append("usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] "
                    + "[-p source_port]\n\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n\t  [-w timeout] "
                    + "[-X proxy_protocol] [-x proxy_address[:port]]\n\t  [destination] [port]\n");
            return NetTools.Result.of(out, 1, 0);
        }
        String host = operands.get(0);
        int exit = 0;
        long millis = 0;
        for (String portText : operands.subList(1, operands.size())) {
            int port;
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                out.append("nc: port number invalid: ").append(portText).append('\n');
                return NetTools.Result.of(out, 1, millis);
            }
            PodNetwork.Resolution r = net.resolve(host, true);
            if (r.lookup() != PodNetwork.Lookup.FOUND) {
                boolean blocked = r.lookup() == PodNetwork.Lookup.DNS_BLOCKED;
                out.append("nc: getaddrinfo for host \"").append(host).append("\" port ").append(port).append(": ")
                        .append(blocked ? "Try again" : "Name does not resolve").append('\n');
                return NetTools.Result.of(out, 1, millis + (blocked ? Curl.RESOLVER_TIMEOUT_MS : 2));
            }
            String proto = udp ? "udp" : "tcp";
            String who = PodNetwork.isIp(host) ? host : host + " (" + r.ip() + ")";
            if (udp) {
                // No handshake: the datagram leaves and nc reports success whatever policy does with it.
                if (verbose) {
                    out.append("Connection to ").append(who).append(' ').append(port).append(" port [udp/").append(SERVICES.getOrDefault(port, "*"))
                            .append("] succeeded!\n");
                }
                millis += 2;
                continue;
            }
            PodNetwork.Connection c = net.connect(r, port, Protocol.TCP);
            if (c.outcome() == Outcome.ALLOWED) {
                if (verbose) {
                    out.append("Connection to ").append(who).append(' ').append(port).append(" port [tcp/").append(SERVICES.getOrDefault(port, "*"))
                            .append("] succeeded!\n");
                }
                millis += 2;
            } else if (c.outcome() == Outcome.BLOCKED) {
                exit = 1;
                boolean waited = wait != null && wait < Curl.KERNEL_CONNECT_TIMEOUT_MS;
                millis += waited ? wait : Curl.KERNEL_CONNECT_TIMEOUT_MS;
                if (verbose) {
                    out.append("nc: connect to ").append(who).append(" port ").append(port).append(" (").append(proto).append(") ")
                            .append(waited ? "timed out: Operation now in progress" : "failed: Operation timed out").append('\n');
                }
            } else {
                exit = 1;
                millis += c.nothingThere() ? 3_000 : 1;
                if (verbose) {
                    out.append("nc: connect to ").append(who).append(" port ").append(port).append(" (").append(proto).append(") failed: ")
                            .append(c.nothingThere() ? "Host is unreachable" : "Connection refused").append('\n');
                }
            }
        }
        return NetTools.Result.of(out, exit, millis);
    }
}
