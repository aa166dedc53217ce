package dev.netpollab.shell.kubectl.tools;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code nslookup}, {@code dig} and {@code host} against the cluster DNS (kube-dns, 10.43.0.10). A query is a UDP
 * packet to port 53 of a coredns pod, so egress policy decides whether it gets out: when it does not, BIND's tools
 * report ";; connection timed out; no servers could be reached" (dig: "communications error ... timed out", exit 9).
 * nslookup and host use the pod's search list; dig does not unless {@code +search}.
 */
final class Dns {
    private static final String DIG_VERSION = "9.18.33";
    private final PodNetwork net;

    Dns(PodNetwork net) {
        this.net = net;
    }

    /** @param bind BIND's nslookup (agnhost, netshoot) rather than busybox's */
    NetTools.Result nslookup(List<String> args, boolean bind) {
        List<String> operands = args.stream().filter(a -> !a.startsWith("-")).toList();
        StringBuilder out = new StringBuilder();
        if (operands.isEmpty()) {
            out.append(bind ? "nslookup: interactive mode is not available here; give a name: nslookup NAME\n"
                    : "BusyBox v1.36.1 multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n");
            return NetTools.Result.of(out, 1, 0);
        }
        String name = operands.get(0);
        String server = net.dnsServer();
        if (!net.dnsReachable()) {
            out.append(";; connection timed out; no servers could be reached\n\n");
            return NetTools.Result.of(out, 1, 15_000);
        }
        out.append("Server:\t\t").append(server).append('\n').append("Address:\t").append(server).append(bind ? "#53" : ":53").append("\n\n");
        PodNetwork.Resolution r = PodNetwork.isIp(name) ? reverse(name) : net.resolve(name, true);
        if (PodNetwork.isIp(name)) {
            if (r == null) {
                out.append("** server can't find ").append(arpa(name)).append(": NXDOMAIN\n\n");
                return NetTools.Result.of(out, 1, 2);
            }
            out.append(arpa(name)).append("\tname = ").append(r.fqdn()).append(".\n\n");
            return NetTools.Result.of(out, 0, 2);
        }
        if (r.lookup() != PodNetwork.Lookup.FOUND) {
            out.append("** server can't find ").append(name).append(": ").append(inCluster(name) ? "NXDOMAIN" : "SERVFAIL").append("\n\n");
            return NetTools.Result.of(out, 1, 2);
        }
        out.append("Name:\t").append(r.fqdn()).append('\n').append("Address: ").append(r.ip()).append("\n\n");
        return NetTools.Result.of(out, 0, 2);
    }

    NetTools.Result host(List<String> args) {
        List<String> operands = args.stream().filter(a -> !a.startsWith("-")).toList();
        StringBuilder out = new StringBuilder();
        if (operands.isEmpty()) {
            out.append("Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]\n            [-R number] [-m flag] [-p port] hostname [server]\n");
            return NetTools.Result.of(out, 1, 0);
        }
        String name = operands.get(0);
        if (!net.dnsReachable()) {
            out.append(";; communications error to ").append(net.dnsServer()).append("#53: timed out\n")
                    .append(";; communications error to ").append(net.dnsServer()).append("#53: timed out\n")
                    .append(";; no servers could be reached\n");
            return NetTools.Result.of(out, 1, 10_000);
        }
        PodNetwork.Resolution r = net.resolve(name, true);
        if (r.lookup() != PodNetwork.Lookup.FOUND) {
            out.append("Host ").append(name).append(" not found: ").append(inCluster(name) ? "3(NXDOMAIN)" : "2(SERVFAIL)").append('\n');
            return NetTools.Result.of(out, 1, 2);
        }
        out.append(r.fqdn()).append(" has address ").append(r.ip()).append('\n');
        return NetTools.Result.of(out, 0, 2);
    }

    NetTools.Result dig(List<String> args) {
        boolean shortForm = false;
        boolean search = false;
        String name = null;
        for (String a : args) {
            if (a.equals("+short")) {
                shortForm = true;
            } else if (a.equals("+search")) {
                search = true;
            } else if (a.startsWith("+") || a.startsWith("@") || a.startsWith("-")) {
                continue;
            } else if (name == null) {
                name = a;
            }
        }
        StringBuilder out = new StringBuilder();
        String shownName = name == null ? "." : name;
        String server = net.dnsServer();
        if (!net.dnsReachable()) {
            for (int i = 0; i < 3; i++) {
                out.append(";; communications error to ").append(server).append("#53: timed out\n");
            }
            if (!shortForm) {
                out.append("\n; <<>> DiG ").append(DIG_VERSION).append(" <<>> ").append(String.join(" ", args)).append("\n;; global options: +cmd\n");
            }
            out.append(";; no servers could be reached\n");
            return NetTools.Result.of(out, 9, 15_000);
        }
        PodNetwork.Resolution r = name == null ? null : net.resolve(name, search);
        boolean found = r != null && r.lookup() == PodNetwork.Lookup.FOUND;
        String fqdn = found ? r.fqdn() : shownName.endsWith(".") ? shownName.substring(0, shownName.length() - 1) : shownName;
        if (shortForm) {
            if (found) {
                out.append(r.ip()).append('\n');
            }
            return NetTools.Result.of(out, 0, 2);
        }
        String status = found ? "NOERROR" : inCluster(fqdn) ? "NXDOMAIN" : "SERVFAIL";
        out.append("\n; <<>> DiG ").append(DIG_VERSION).append(" <<>> ").append(String.join(" ", args)).append('\n')
                .append(";; global options: +cmd\n;; Got answer:\n")
                .append(";; ->>HEADER<<- opcode: QUERY, status: ").append(status).append(", id: ").append(Math.abs(fqdn.hashCode()) % 65536).append('\n')
                .append(";; flags: qr aa rd; QUERY: 1, ANSWER: ").append(found ? 1 : 0).append(", AUTHORITY: ").append(found ? 0 : 1)
                .append(", ADDITIONAL: 1\n;; WARNING: recursion requested but not available\n\n")
                .append(";; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n;; QUESTION SECTION:\n;").append(fqdn).append(".\t\t\tIN\tA\n\n");
        if (found) {
            out.append(";; ANSWER SECTION:\n").append(fqdn).append(".\t30\tIN\tA\t").append(r.ip()).append("\n\n");
        } else {
            out.append(";; AUTHORITY SECTION:\ncluster.local.\t\t30\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. 1764619200 7200 1800 "
                    + "86400 30\n\n");
        }
        out.append(";; Query time: 0 msec\n;; SERVER: ").append(server).append("#53(").append(server).append(") (UDP)\n")
                .append(";; MSG SIZE  rcvd: ").append(found ? 105 : 160).append("\n\n");
        return NetTools.Result.of(out, 0, 2);
    }

    private PodNetwork.Resolution reverse(String ip) {
        PodNetwork.Resolution r = net.byIp(ip);
        if (r.target() instanceof dev.netpollab.scenario.Target.Service s) {
            return new PodNetwork.Resolution(PodNetwork.Lookup.FOUND, s.name() + "." + s.namespace() + ".svc." + PodNetwork.CLUSTER_DOMAIN, ip, s);
        }
        if (r.target() instanceof dev.netpollab.scenario.Target.Pod p) {
            return new PodNetwork.Resolution(PodNetwork.Lookup.FOUND, ip.replace('.', '-') + "." + p.namespace() + ".pod." + PodNetwork.CLUSTER_DOMAIN,
                    ip, p);
        }
        return null;
    }

    private static String arpa(String ip) {
        List<String> parts = new ArrayList<>(List.of(ip.split("\\.")));
        java.util.Collections.reverse(parts);
        return String.join(".", parts) + ".in-addr.arpa";
    }

    private static boolean inCluster(String name) {
        return !name.contains(".") || name.endsWith(PodNetwork.CLUSTER_DOMAIN) || name.endsWith(PodNetwork.CLUSTER_DOMAIN + ".")
                || name.split("\\.").length <= 3;
    }
}
