package dev.netpollab.probe;

import dev.netpollab.lab.ApiServerFacts;
import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.lab.WorldManifests;
import dev.netpollab.policy.Protocol;
import dev.netpollab.scenario.World;
import dev.netpollab.scenario.WorldPod;
import dev.netpollab.scenario.WorldPort;
import dev.netpollab.scenario.WorldService;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A probe test bed of real network namespaces, wired the way Calico wires a node: every "pod" of a world is a
 * namespace with a /32 address on a veth whose other end sits in a "node" namespace, which routes between
 * them (the pod's default route goes to 169.254.1.1, an address of the node, as Calico sets it). Nothing is
 * added to the host's network. On the node:
 * <ul>
 * <li>Services are virtual ClusterIPs translated by DNAT in the node's {@code nat PREROUTING}, as kube-proxy's
 * iptables mode does, so a probe to a Service reaches the pod's target port, and a rule on the Service port
 * never matches it;</li>
 * <li>policy rules sit in the node's {@code filter FORWARD}, keyed by the pod's interface, where Calico
 * ({@code cali-tw-*}/{@code cali-fw-*}) and kube-router ({@code KUBE-ROUTER-FORWARD}) put theirs: ingress on the
 * destination's interface, egress on the source's, after the Service translation;</li>
 * <li>{@code kube-system/coredns} is a real DNS server (dnsmasq) behind the {@code kube-dns} ClusterIP, which every
 * pod's {@code /etc/resolv.conf} names, as the kubelet writes it.</li>
 * </ul>
 * Stand-ins, where the agnhost image has no Debian twin: agnhost {@code porter}'s HTTP server → busybox
 * {@code httpd} (both answer 200 to {@code GET /}); its UDP server → socat replying a fixed text to each
 * datagram (porter does the same); CoreDNS → dnsmasq (a real DNS server over UDP and TCP 53 that, like CoreDNS,
 * ignores messages shorter than a DNS header); {@code /agnhost connect} → {@code src/test/resources/netns/agnhost}
 * (the same system calls, see there); kube-proxy → one DNAT rule per Service port to its first endpoint. curl and
 * dig are the real tools; the script runs in busybox {@code sh} with busybox {@code timeout}, {@code tr} and
 * {@code cut}, as in the Alpine-based agnhost image.
 * <p>
 * Every name is unique per run (several people may run the bed on one machine at once), and {@link #close}
 * removes every namespace, process and file it made, also after a failed test or from a shutdown hook.
 */
final class NetnsBed implements AutoCloseable {
    /** A port whose listener accepts connections but never answers: a slow server. */
    static final String SLOW = "slow";
    static final String SUBNET = "10.77.0.";
    /** Where ClusterIPs come from (apart from the pods' addresses, as a Service CIDR is). */
    static final String SERVICE_SUBNET = "10.96.77.";
    /** The cluster DNS Service's ClusterIP, which every pod's resolv.conf names. */
    static final String DNS_SERVICE_IP = SERVICE_SUBNET + "10";
    /** The pods' default gateway: an address of the node, answered on every pod's interface (Calico uses the same). */
    private static final String GATEWAY = "169.254.1.1";
    /** The node's own address: the source of the ICMP errors its REJECT rules send. */
    static final String NODE_IP = "10.77.1.1";
    private static final String NODE_NS = "node";
    /** The cluster DNS Service, as every cluster has it in front of the coredns pods. */
    static final WorldService KUBE_DNS = new WorldService(World.DNS_NAMESPACE, "kube-dns", World.DNS_LABELS,
            List.of(new WorldService.Port(53, "dns", Protocol.UDP, "dns"), new WorldService.Port(53, "dns-tcp", Protocol.TCP, "dns-tcp")));

    /**
     * One pod: its namespace in the bed, its address, and the name of its interface on the node (where its
     * policy rules go).
     */
    record BedPod(WorldPod pod, String netns, String ip, String nodeSide) {
    }

    /** Names carry the creating process's id, so the leftovers of a killed run can be told from a running one's. */
    private static final java.util.regex.Pattern OURS = java.util.regex.Pattern.compile("^np(\\d+)-[0-9a-f]{4}-.*");
    private final String prefix = "np" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 4);
    private final Path dir;
    private final World world;
    private final Map<String, BedPod> pods = new LinkedHashMap<>();
    private final List<String> netns = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    /** Every Service of the bed (the world's and kube-dns) with its ClusterIP. */
    private final List<Service> services = new ArrayList<>();
    private String node;
    private final Path tools;
    private final Path agnhost;
    private final Thread hook = new Thread(this::close, "netns-bed-cleanup");
    private boolean closed;

    private NetnsBed(World world, Path dir) {
        this.world = world.withImplicitDns();
        this.dir = dir;
        this.tools = dir.resolve("tools");
        this.agnhost = dir.resolve("agnhost");
    }

    /** Builds the bed for a world; on any failure, what was made is removed again. */
    static NetnsBed start(World world) throws IOException, InterruptedException {
        sweepLeftovers();
        NetnsBed bed = new NetnsBed(world, Files.createTempDirectory("netns-bed"));
        Runtime.getRuntime().addShutdownHook(bed.hook);
        try {
            bed.build();
            return bed;
        } catch (IOException | InterruptedException | RuntimeException e) {
            bed.close();
            throw e;
        }
    }

    private void build() throws IOException, InterruptedException {
        Files.createDirectories(tools);
        try (var in = NetnsBed.class.getResourceAsStream("/netns/agnhost")) {
            Files.write(agnhost, in.readAllBytes());
        }
        Files.setPosixFilePermissions(agnhost, PosixFilePermissions.fromString("rwxr-xr-x"));
        String busybox = NetnsAvailable.which("busybox");
        for (String applet : List.of("sh", "timeout", "tr", "cut")) {
            Files.createSymbolicLink(tools.resolve(applet), Path.of(busybox));
        }
        Path www = Files.createDirectories(dir.resolve("www"));
        Files.writeString(www.resolve("index.html"), "ok\n");

        node = addNetns(NODE_NS);
        // The node forwards between pods like a router (Calico's model). Its own addresses sit on lo, and Linux
        // answers ARP for a local address on any interface, so every pod finds its gateway without proxy ARP.
        run("ip", "netns", "exec", node, "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        // A node rate-limits the ICMP errors its REJECT rules send (net.ipv4.icmp_ratelimit, 1 s per peer with a
        // small burst), so of several rejected probes at once some see no answer at all. The bed lifts the limit
        // to show what a reject looks like; icmpRateLimit puts a node's default back.
        icmpRateLimit(0);
        run("ip", "-n", node, "addr", "add", GATEWAY + "/32", "dev", "lo");
        run("ip", "-n", node, "addr", "add", NODE_IP + "/32", "dev", "lo");
        int next = 2;
        for (WorldPod p : world.pods()) {
            String ns = addNetns(p.namespace() + "-" + p.name());
            String ip = SUBNET + next;
            String peer = "v" + next++;
            run("ip", "-n", ns, "link", "add", "eth0", "type", "veth", "peer", "name", peer, "netns", node);
            run("ip", "-n", ns, "addr", "add", ip + "/32", "dev", "eth0");
            run("ip", "-n", ns, "link", "set", "eth0", "up");
            run("ip", "-n", ns, "route", "add", GATEWAY, "dev", "eth0", "scope", "link");
            run("ip", "-n", ns, "route", "add", "default", "via", GATEWAY, "dev", "eth0");
            run("ip", "-n", node, "link", "set", peer, "up");
            run("ip", "-n", node, "route", "add", ip + "/32", "dev", peer);
            pods.put(p.id(), new BedPod(p, ns, ip, peer));
        }
        BedPod dns = pods.get(World.DNS_NAMESPACE + "/" + World.DNS_POD);
        int nextService = 20;
        for (WorldService s : world.services()) {
            services.add(kubeProxy(s, SERVICE_SUBNET + nextService++));
        }
        services.add(kubeProxy(KUBE_DNS, DNS_SERVICE_IP));
        for (BedPod p : pods.values()) {
            // What the kubelet writes into every pod; `ip netns exec` mounts /etc/netns/NAME/* over /etc.
            Path etc = Files.createDirectories(Path.of("/etc/netns", p.netns()));
            Files.writeString(etc.resolve("resolv.conf"), "nameserver " + DNS_SERVICE_IP + "\nsearch " + p.pod().namespace()
                    + ".svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n");
            if (p == dns) {
                serveDns(p);
            }
            for (WorldPort port : p.pod().ports()) {
                if (p != dns || port.port() != 53) {
                    serve(p, port, www);  // CoreDNS's other ports (metrics on 9153) are plain HTTP too
                }
            }
        }
        awaitListeners();
    }

    /**
     * kube-proxy's iptables mode for one Service: each port is translated on the node to its first endpoint's
     * target port (a number, or the name of a container port), before any policy rule sees the packet.
     */
    private Service kubeProxy(WorldService s, String clusterIp) {
        BedPod endpoint = pods.values().stream().filter(p -> p.pod().namespace().equals(s.namespace())
                && p.pod().labels().entrySet().containsAll(s.selector().entrySet())).findFirst()
                .orElseThrow(() -> new IllegalStateException("Service " + s.id() + " selects no pod of the bed"));
        for (WorldService.Port sp : s.ports()) {
            int target = sp.targetPort().chars().allMatch(Character::isDigit) ? Integer.parseInt(sp.targetPort())
                    : endpoint.pod().ports().stream().filter(wp -> sp.targetPort().equals(wp.name()) && wp.protocol() == sp.protocol())
                    .findFirst().orElseThrow(() -> new IllegalStateException(s.id() + ": no port named " + sp.targetPort())).port();
            run("ip", "netns", "exec", node, "iptables", "-t", "nat", "-A", "PREROUTING", "-d", clusterIp, "-p",
                    sp.protocol().name().toLowerCase(Locale.ROOT), "--dport", String.valueOf(sp.port()), "-j", "DNAT",
                    "--to-destination", endpoint.ip() + ":" + target);
        }
        return new ServiceBuilder(WorldManifests.of("netns-bed", new World(List.of(), List.of(), List.of(s), List.of()), false).services().get(0))
                .editSpec().withClusterIP(clusterIp).withClusterIPs(clusterIp).endSpec().build();
    }

    private void serveDns(BedPod p) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts",
                "--bind-interfaces", "--listen-address=" + p.ip(), "--port=53", "--pid-file=", "--user=root", "--local=/cluster.local/",
                "--host-record=kubernetes.default.svc.cluster.local,10.43.0.1"));
        for (Service s : services) {
            cmd.add("--host-record=" + s.getMetadata().getName() + "." + s.getMetadata().getNamespace() + ".svc.cluster.local," + s.getSpec().getClusterIP());
        }
        spawn(p, "dnsmasq", cmd);
    }

    private void serve(BedPod p, WorldPort port, Path www) throws IOException {
        String name = "listen-" + port.port() + "-" + port.protocol().name().toLowerCase(Locale.ROOT);
        if (port.protocol() == Protocol.UDP) {
            spawn(p, name, List.of("socat", "UDP-RECVFROM:" + port.port() + ",fork,reuseaddr", "SYSTEM:printf " + p.pod().name()));
        } else if (SLOW.equals(port.name())) {
            spawn(p, name, List.of("socat", "TCP-LISTEN:" + port.port() + ",fork,reuseaddr", "SYSTEM:sleep 60"));
        } else if (port.protocol() == Protocol.TCP) {
            spawn(p, name, List.of(NetnsAvailable.which("busybox"), "httpd", "-f", "-p", p.ip() + ":" + port.port(), "-h", www.toString()));
        }
    }

    /** Listeners come up asynchronously: wait until every TCP port and DNS accepts, so no test races them. */
    private void awaitListeners() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (BedPod p : pods.values()) {
            List<Integer> tcp = p.pod().ports().stream().filter(x -> x.protocol() == Protocol.TCP).map(WorldPort::port).distinct().toList();
            for (int port : tcp) {
                while (run(List.of("ip", "netns", "exec", p.netns(), "bash", "-c", "exec 3<>/dev/tcp/" + p.ip() + "/" + port), false) != 0) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException(p.pod().id() + " does not listen on TCP " + port + "; see " + dir);
                    }
                    Thread.sleep(50);
                }
            }
        }
    }

    /**
     * The bed as the grader sees a cluster: pods with their IPs, ready; Services with their ClusterIPs (the
     * world's, and kube-system/kube-dns as every cluster has it).
     */
    ClusterSnapshot snapshot() {
        List<Namespace> ns = new ArrayList<>();
        List<Pod> ps = new ArrayList<>();
        WorldManifests.Objects objs = WorldManifests.of("netns-bed", world, true);
        objs.namespaces().forEach(n -> ns.add(ApiServerFacts.withNameLabel(n)));
        for (Pod p : objs.pods()) {
            ps.add(ApiServerFacts.running(p, pods.get(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()).ip()));
        }
        return new ClusterSnapshot(ns, ps, List.copyOf(services), List.of(), world.externals());
    }

    BedPod pod(String id) {
        BedPod p = pods.get(id);
        if (p == null) {
            throw new IllegalArgumentException("no pod " + id + " in the bed");
        }
        return p;
    }

    /** A PodExec that runs commands in the pods' namespaces. */
    NetnsPodExec exec() {
        return new NetnsPodExec(this::netnsOf, tools, agnhost);
    }

    private String netnsOf(String namespace, String pod) {
        BedPod p = pods.get(namespace + "/" + pod);
        return p == null ? null : p.netns();
    }

    /** Ingress denied as Calico does it: packets to the pod's port are dropped on the node. */
    void drop(String dst, Protocol protocol, int port) {
        rule("-o", dst, protocol, port, "DROP");
    }

    /** Ingress denied as kube-router does it: {@code -j REJECT}, which answers ICMP port unreachable. */
    void reject(String dst, Protocol protocol, int port) {
        rule("-o", dst, protocol, port, "REJECT");
    }

    /** Ingress of a TCP port rejected with a reset instead (a REJECT some firewalls use). */
    void rejectWithReset(String dst, int port) {
        rule("-o", dst, Protocol.TCP, port, "REJECT", "--reject-with", "tcp-reset");
    }

    /** Egress denied on the source (e.g. DNS), dropped as Calico does. */
    void dropEgress(String src, Protocol protocol, int port) {
        rule("-i", src, protocol, port, "DROP");
    }

    /** Egress denied on the source, rejected as kube-router does. */
    void rejectEgress(String src, Protocol protocol, int port) {
        rule("-i", src, protocol, port, "REJECT");
    }

    /** A rule on the node's FORWARD chain for one pod's interface: {@code -o} for its ingress, {@code -i} for its egress. */
    private void rule(String direction, String pod, Protocol protocol, int port, String... target) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", node, "iptables", "-A", "FORWARD", direction, pod(pod).nodeSide(), "-p",
                protocol.name().toLowerCase(Locale.ROOT), "--dport", String.valueOf(port), "-j"));
        cmd.addAll(List.of(target));
        run(cmd.toArray(String[]::new));
    }

    /** The node's limit on the ICMP errors it sends, in milliseconds per peer (a Linux node's default is 1000). */
    void icmpRateLimit(int millis) {
        run("ip", "netns", "exec", node, "sysctl", "-q", "-w", "net.ipv4.icmp_ratelimit=" + millis);
    }

    /** No policy rules any more (the Services stay). */
    void clearRules() {
        run("ip", "netns", "exec", node, "iptables", "-F", "FORWARD");
    }

    String prefix() {
        return prefix;
    }

    private String addNetns(String name) {
        String full = prefix + "-" + name;
        run("ip", "netns", "add", full);
        netns.add(full);
        run("ip", "-n", full, "link", "set", "lo", "up");
        return full;
    }

    private void spawn(BedPod p, String name, List<String> cmd) throws IOException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", p.netns()));
        full.addAll(cmd);
        Path log = dir.resolve(p.netns() + "-" + name + ".log");
        processes.add(new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start());
    }

    private void run(String... cmd) {
        try {
            if (run(List.of(cmd), true) != 0) {
                throw new IllegalStateException("failed: " + String.join(" ", cmd));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd[0] + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", cmd));
        }
    }

    private int run(List<String> cmd, boolean keepOutput) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int rc = p.waitFor();
        if (rc != 0 && keepOutput) {
            Files.writeString(dir.resolve("errors.log"), String.join(" ", cmd) + ": " + out + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
        return rc;
    }

    /** Namespaces of beds whose JVM was killed (no shutdown hook ran): their creator's process is gone. */
    private static void sweepLeftovers() throws IOException, InterruptedException {
        Process list = new ProcessBuilder("ip", "netns", "list").start();
        String out = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        list.waitFor();
        for (String line : out.lines().toList()) {
            String name = line.split(" ")[0];
            var m = OURS.matcher(name);
            if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                removeNetns(name);
            }
        }
    }

    private static void removeNetns(String n) {
        // Anything still running in it (a probe's curl, a listener) goes too, or the namespace outlives its name.
        try {
            Process pids = new ProcessBuilder("ip", "netns", "pids", n).start();
            for (String pid : new String(pids.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\\s+")) {
                if (!pid.isBlank()) {
                    ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                }
            }
            pids.waitFor();
            new ProcessBuilder("ip", "netns", "del", n).start().waitFor();
        } catch (IOException | InterruptedException | RuntimeException e) {
            // Best effort; the leftover check in the tests reports what stays.
        }
        deleteTree(Path.of("/etc/netns", n));
    }

    /** Stops every process and removes every namespace, resolv.conf and temp file of the bed; safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        netns.forEach(NetnsBed::removeNetns);
        deleteTree(dir);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: this is the hook.
        }
    }

    private static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // Best effort.
        }
    }
}
