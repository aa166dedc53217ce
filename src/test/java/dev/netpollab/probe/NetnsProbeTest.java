package dev.netpollab.probe;

import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.lab.PodExec;
import dev.netpollab.policy.Protocol;
import dev.netpollab.scenario.Target;
import dev.netpollab.scenario.World;
import dev.netpollab.scenario.WorldNamespace;
import dev.netpollab.scenario.WorldPod;
import dev.netpollab.scenario.WorldPort;
import dev.netpollab.scenario.WorldService;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real prober's exact scripts on real packets: pods are network namespaces routed by a "node" with real
 * listeners and a real DNS server, rules are set as a CNI sets them (Calico drops, kube-router rejects),
 * and every outcome is read from what curl, dig and agnhost connect really did. See {@link NetnsBed} for
 * the stand-ins. This does not replace a cluster; it proves the part of the real lab that talks to the
 * kernel. Runs as root with ip netns and iptables ({@code make test-netns}, and within {@code make test}).
 */
@Tag("netns")
@ExtendWith(NetnsAvailable.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetnsProbeTest {
    private static final Duration CONNECT = CurlProber.CONNECT_TIMEOUT;
    private NetnsBed bed;
    private ClusterSnapshot snap;

    static World world(String suffix) {
        List<WorldPod> pods = new ArrayList<>(List.of(
                new WorldPod("shop", "web" + suffix, Map.of("app", "web"), List.of(new WorldPort(80, "http", Protocol.TCP),
                        new WorldPort(81, "statsd", Protocol.UDP), new WorldPort(9000, NetnsBed.SLOW, Protocol.TCP))),
                new WorldPod("shop", "db" + suffix, Map.of("app", "db"), List.of(new WorldPort(5432, "pg", Protocol.TCP)))));
        for (int i = 1; i <= 5; i++) {
            pods.add(new WorldPod("dev", "c" + i + suffix, Map.of("app", "client"), List.of()));
        }
        return new World(List.of(new WorldNamespace("shop", Map.of()), new WorldNamespace("dev", Map.of())), pods,
                // Service ports differ from the pods' ports, so the bed shows which of the two policy rules meet.
                List.of(new WorldService("shop", "web", Map.of("app", "web"), List.of(new WorldService.Port(8080, "http", Protocol.TCP, "http"),
                        new WorldService.Port(8125, "statsd", Protocol.UDP, "statsd")))), List.of());
    }

    @BeforeAll
    void start() throws Exception {
        bed = NetnsBed.start(world(""));
        snap = bed.snapshot();
    }

    @AfterEach
    void clearRules() {
        bed.clearRules();
    }

    @AfterAll
    void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    static Probe probe(String from, Target to, int port, Protocol p) {
        return new Probe(from, to, port, p);
    }

    private List<Observation> run(List<Probe> probes) {
        return new CurlProber(bed.exec(), false).probe(snap, probes);
    }

    static final Target WEB = new Target.Pod("shop", "web");
    static final Target DB = new Target.Pod("shop", "db");
    private static final Target DNS = new Target.Pod(World.DNS_NAMESPACE, World.DNS_POD);
    private static final Target WEB_SVC = new Target.Service("shop", "web");
    private static final Target DNS_SVC = new Target.Service(World.DNS_NAMESPACE, NetnsBed.KUBE_DNS.name());

    private List<Probe> mixed() {
        return List.of(probe("dev/c1", WEB, 80, Protocol.TCP), probe("dev/c1", WEB, 81, Protocol.UDP), probe("dev/c1", DNS, 53, Protocol.UDP),
                probe("dev/c1", DNS, 53, Protocol.TCP), probe("dev/c1", WEB_SVC, 8080, Protocol.TCP), probe("dev/c1", WEB_SVC, 8125, Protocol.UDP),
                probe("dev/c1", DNS_SVC, 53, Protocol.UDP), probe("dev/c1", DNS_SVC, 53, Protocol.TCP));
    }

    @Test
    @DisplayName("nothing blocked: HTTP, UDP echo, DNS over UDP and TCP, Services by ClusterIP (TCP, UDP, the DNS Service) with their names resolved — all allowed")
    void allowed() {
        CurlProber prober = new CurlProber(bed.exec(), false);
        List<Observation> o = prober.probe(snap, mixed());
        assertThat(o).extracting(Observation::outcome).as(o.toString()).containsOnly(Outcome.ALLOWED);
        assertThat(o.get(0).detail()).isEqualTo("connected (HTTP 200)");
        assertThat(o.get(2).detail()).isEqualTo("the DNS server answered over UDP 53 (status NOERROR)");
        assertThat(o.get(6).detail()).isEqualTo("the DNS server answered over UDP 53 (status NOERROR)");
        // The Service probes went to the virtual ClusterIPs, which only the node's DNAT turns into pod addresses.
        String webIp = snap.service("shop", "web").orElseThrow().getSpec().getClusterIP();
        assertThat(webIp).startsWith(NetnsBed.SERVICE_SUBNET).isNotEqualTo(bed.pod("shop/web").ip());
        assertThat(prober.recentExecs().get(0).script()).contains("'http://" + webIp + ":8080/'", "connect '" + webIp + ":8125'",
                "dig '@" + NetnsBed.DNS_SERVICE_IP + "' -p 53");
    }

    @Test
    @DisplayName("a Service is translated before policy: a rule on the Service port matches nothing, a rule on the pod's port blocks it")
    void policiesSeeThePodPort() {
        List<Probe> svc = List.of(probe("dev/c1", WEB_SVC, 8080, Protocol.TCP), probe("dev/c1", WEB_SVC, 8125, Protocol.UDP));
        bed.drop("shop/web", Protocol.TCP, 8080);
        bed.drop("shop/web", Protocol.UDP, 8125);
        bed.dropEgress("dev/c1", Protocol.TCP, 8080);
        List<Observation> onServicePorts = run(svc);
        assertThat(onServicePorts).extracting(Observation::outcome).as(onServicePorts.toString()).containsOnly(Outcome.ALLOWED);

        bed.clearRules();
        bed.drop("shop/web", Protocol.TCP, 80);
        bed.drop("shop/web", Protocol.UDP, 81);
        List<Observation> onPodPorts = run(svc);
        assertThat(onPodPorts).extracting(Observation::outcome).as(onPodPorts.toString()).containsOnly(Outcome.BLOCKED);

        bed.clearRules();
        bed.dropEgress("dev/c1", Protocol.TCP, 80);
        Observation egress = run(svc.subList(0, 1)).get(0);
        assertThat(egress.outcome()).as(egress.detail()).isEqualTo(Outcome.BLOCKED);
    }

    /** A rule kind (drop or reject) set on web's TCP 80 and UDP 81 and on the DNS server, then the four direct probes. */
    private List<Observation> denyAndProbe(Deny deny) {
        deny.set("shop/web", Protocol.TCP, 80);
        deny.set("shop/web", Protocol.UDP, 81);
        deny.set("kube-system/coredns", Protocol.UDP, 53);
        deny.set("kube-system/coredns", Protocol.TCP, 53);
        return run(mixed().subList(0, 4));
    }

    @FunctionalInterface
    private interface Deny {
        void set(String pod, Protocol protocol, int port);
    }

    @Test
    @DisplayName("denied with DROP (Calico): blocked, after the connect timeout")
    void droppedIsBlocked() {
        long t0 = System.nanoTime();
        List<Observation> o = denyAndProbe(bed::drop);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(o).extracting(Observation::outcome).as(o.toString()).containsOnly(Outcome.BLOCKED);
        assertThat(o.get(0).detail()).contains("curl exit 28");
        assertThat(o.get(2).detail()).contains("dig timed out");
        assertThat(took).isGreaterThanOrEqualTo(CONNECT.minusMillis(100));
    }

    @Test
    @DisplayName("denied with REJECT (kube-router): refused, at once, also through a Service")
    void rejectedIsRefused() {
        List<Observation> o = denyAndProbe(bed::reject);
        assertThat(o).extracting(Observation::outcome).as(o.toString()).containsOnly(Outcome.REFUSED);
        // Refused at once, not after a timeout: curl's "couldn't connect" (7), never its timeout (28). (No wall-clock
        // bound here: on a loaded machine process start-up alone can take seconds.)
        assertThat(o.get(0).detail()).isEqualTo("connection refused (curl exit 7)");
        // The same through the Service, with DNS open so the names resolve.
        bed.clearRules();
        bed.reject("shop/web", Protocol.TCP, 80);
        bed.reject("shop/web", Protocol.UDP, 81);
        List<Observation> viaService = new CurlProber(bed.exec(), true).probe(snap,
                List.of(probe("dev/c1", WEB_SVC, 8080, Protocol.TCP), probe("dev/c1", WEB_SVC, 8125, Protocol.UDP)));
        assertThat(viaService).extracting(Observation::outcome).as(viaService.toString()).containsOnly(Outcome.REFUSED);
    }

    @Test
    @DisplayName("REJECT under a node's ICMP rate limit: some rejects arrive as silence, which still reads as denied, never allowed")
    void rejectsUnderTheIcmpRateLimit() {
        bed.icmpRateLimit(1000);
        try {
            bed.reject("shop/web", Protocol.TCP, 80);
            bed.reject("shop/web", Protocol.UDP, 81);
            bed.rejectEgress("dev/c1", Protocol.UDP, 53);
            bed.rejectEgress("dev/c1", Protocol.TCP, 53);
            List<Probe> probes = new ArrayList<>(mixed().subList(0, 2));
            for (int i = 0; i < 3; i++) {
                probes.add(probe("dev/c1", WEB_SVC, 8080, Protocol.TCP));
                probes.add(probe("dev/c1", WEB_SVC, 8125, Protocol.UDP));
            }
            List<Observation> o = new CurlProber(bed.exec(), true).probe(snap, probes);
            // The direct probes are refused or, when the node's limiter swallowed the ICMP error, timed out: both
            // are what a grader that knows the dataplane rejects counts as denied (Grader.passes).
            assertThat(o.subList(0, 2)).extracting(Observation::outcome).as(o.toString()).allMatch(x -> x == Outcome.REFUSED || x == Outcome.BLOCKED);
            // Rejected DNS never answers the Service lookups: dns-failed (or refused), never allowed.
            assertThat(o.subList(2, o.size())).extracting(Observation::outcome).as(o.toString())
                    .allMatch(x -> x == Outcome.DNS_FAILED || x == Outcome.REFUSED || x == Outcome.BLOCKED);
        } finally {
            bed.icmpRateLimit(0);
        }
    }

    @Test
    @DisplayName("DNS egress dropped (UDP and TCP 53): a Service probe is dns-failed, while the same pod's address still connects")
    void dnsDroppedIsDnsFailed() {
        bed.dropEgress("dev/c1", Protocol.UDP, 53);
        bed.dropEgress("dev/c1", Protocol.TCP, 53);
        List<Observation> o = run(List.of(probe("dev/c1", WEB_SVC, 8080, Protocol.TCP), probe("dev/c1", WEB, 80, Protocol.TCP)));
        assertThat(o.get(0).outcome()).as(o.get(0).detail()).isEqualTo(Outcome.DNS_FAILED);
        assertThat(o.get(0).detail()).contains("no DNS answer within 2 s");
        assertThat(o.get(1).outcome()).isEqualTo(Outcome.ALLOWED);

        // A Service without a ClusterIP is reached by name: curl's "Resolving timed out" is dns-failed too, never blocked.
        Service headless = new ServiceBuilder(snap.service("shop", "web").orElseThrow()).editSpec().withClusterIP("None").endSpec().build();
        ClusterSnapshot byName = new ClusterSnapshot(snap.namespaces(), snap.pods(), List.of(headless), snap.policies(), snap.externals());
        Observation named = new CurlProber(bed.exec(), false).probe(byName, List.of(probe("dev/c1", WEB_SVC, 8080, Protocol.TCP))).get(0);
        assertThat(named.outcome()).isEqualTo(Outcome.DNS_FAILED);
    }

    @Test
    @DisplayName("a Service that does not exist: the DNS server says NXDOMAIN, graded dns-failed")
    void nxdomain() {
        Observation o = run(List.of(probe("dev/c1", new Target.Service("shop", "nope"), 80, Protocol.TCP))).get(0);
        assertThat(o.outcome()).isEqualTo(Outcome.DNS_FAILED);
        assertThat(o.detail()).contains("NXDOMAIN");
    }

    @Test
    @DisplayName("why DNS gets dig: agnhost connect's 9 bytes to a DNS server time out with nothing blocked, a real query is answered")
    void dnsNeedsARealQuery() {
        String dnsIp = NetnsBed.DNS_SERVICE_IP;
        PodExec.Result old = bed.exec().exec("dev", "c1", Duration.ofSeconds(10), "sh", "-c",
                "A=\"${NETPOL_LAB_AGNHOST:-/agnhost}\"; \"$A\" connect '" + dnsIp + ":53' --timeout=2s --protocol=udp");
        assertThat(old.exitCode()).isEqualTo(1);
        assertThat(old.stderr()).startsWith("TIMEOUT");
        assertThat(run(List.of(probe("dev/c1", DNS, 53, Protocol.UDP))).get(0).outcome()).isEqualTo(Outcome.ALLOWED);
    }

    @Test
    @DisplayName("an exec that fails (no such pod) is an error for each of its probes, never a block")
    void execFails() {
        Pod ghost = new PodBuilder(snap.pod("dev", "c1").orElseThrow()).editMetadata().withName("ghost").endMetadata().build();
        List<Pod> pods = new ArrayList<>(snap.pods());
        pods.add(ghost);
        ClusterSnapshot withGhost = new ClusterSnapshot(snap.namespaces(), pods, snap.services(), snap.policies(), snap.externals());
        List<Observation> o = new CurlProber(bed.exec(), false).probe(withGhost, List.of(probe("dev/ghost", WEB, 80, Protocol.TCP),
                probe("dev/ghost", DB, 5432, Protocol.TCP), probe("dev/c1", WEB, 80, Protocol.TCP)));
        assertThat(o).extracting(Observation::outcome).containsExactly(Outcome.ERROR, Outcome.ERROR, Outcome.ALLOWED);
        assertThat(o.get(0).detail()).isEqualTo("the probe printed no result (exec into dev/ghost failed: pods \"ghost\" not found)");
    }

    @Test
    @DisplayName("a slow probe does not sink its batch: when the exec is cut short, the results already printed count")
    void partialOutputAfterASlowProbe() {
        bed.drop("shop/db", Protocol.TCP, 5432);
        // Cut at 3.5 s: after the dropped probe's 2 s connect timeout, before the slow server's 4 s answer limit.
        List<Observation> o = new CurlProber(bed.exec().cappedAt(Duration.ofMillis(3500)), false).probe(snap, List.of(
                probe("dev/c1", WEB, 80, Protocol.TCP), probe("dev/c1", DB, 5432, Protocol.TCP), probe("dev/c1", WEB, 9000, Protocol.TCP)));
        assertThat(o).extracting(Observation::outcome).as(o.toString()).containsExactly(Outcome.ALLOWED, Outcome.BLOCKED, Outcome.ERROR);
        assertThat(o.get(2).detail()).startsWith("the probe printed no result (exec into dev/c1 failed: no exit status within ");
        // Uncut, the slow server is a connection that was made: allowed, not blocked.
        Observation slow = run(List.of(probe("dev/c1", WEB, 9000, Protocol.TCP))).get(0);
        assertThat(slow.outcome()).as(slow.detail()).isEqualTo(Outcome.ALLOWED);
        assertThat(slow.detail()).contains("no complete answer within 4 s");
    }

    @Test
    @DisplayName("50 probes from 5 pods at once, half of them dropped: each one classified right (its wall time is measured by make bench)")
    void fiftyProbesAtOnce() {
        bed.drop("shop/db", Protocol.TCP, 5432);
        List<Observation> o = run(fiftyProbes());
        String summary = o.stream().map(x -> x.probe() + " " + x.outcome().label() + ": " + x.detail()).collect(java.util.stream.Collectors.joining("\n"));
        assertThat(o).as(summary).hasSize(50);
        for (Observation x : o) {
            assertThat(x.outcome()).as(summary).isEqualTo(x.probe().to().equals(WEB) ? Outcome.ALLOWED : Outcome.BLOCKED);
        }
    }

    /** Five probes to web (allowed) and five to db from each of five pods. */
    static List<Probe> fiftyProbes() {
        List<Probe> probes = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            for (int k = 0; k < 5; k++) {
                probes.add(probe("dev/c" + i, WEB, 80, Protocol.TCP));
                probes.add(probe("dev/c" + i, DB, 5432, Protocol.TCP));
            }
        }
        return probes;
    }

    @Test
    @DisplayName("a hostile svc: name reaches dig literally in a real shell: nothing runs, the name just does not resolve")
    void hostileNameInARealShell(@TempDir Path dir) {
        Path marker = dir.resolve("pwned");
        List<Probe> probes = new ArrayList<>();
        for (String name : List.of("x;touch " + marker + "1", "$(touch " + marker + "2)", "`touch " + marker + "3`", "a'b;touch " + marker + "4")) {
            probes.add(probe("dev/c1", new Target.Service("shop", name), 80, Protocol.TCP));
        }
        List<Observation> o = run(probes);
        for (int i = 1; i <= 4; i++) {
            assertThat(Path.of(marker + String.valueOf(i))).doesNotExist();
        }
        assertThat(o).extracting(Observation::outcome).doesNotContain(Outcome.ALLOWED, Outcome.BLOCKED);
    }

    @Test
    @DisplayName("the bed leaves nothing behind: namespaces, resolv.conf files and processes are gone after close, when its start fails, and after a killed run")
    void cleansUp() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 4);
        // A leftover of a killed run (its process id no longer exists) is swept when a bed starts.
        String leftover = "np4194999-" + suffix + "-dev-killed";
        new ProcessBuilder("ip", "netns", "add", leftover).start().waitFor();
        assertThat(netnsList()).contains(leftover);
        NetnsBed second = NetnsBed.start(world(suffix));
        assertThat(netnsList()).doesNotContain(leftover);
        String prefix = second.prefix();
        assertThat(netnsList()).anyMatch(n -> n.startsWith(prefix));
        second.close();
        assertThat(netnsList()).noneMatch(n -> n.startsWith(prefix));
        assertThat(Path.of("/etc/netns").toFile().list()).noneMatch(n -> n.startsWith(prefix));

        // Two pods with one name: the second `ip netns add` fails half-way; what was made is removed.
        String dup = "dup" + suffix;
        World broken = new World(List.of(new WorldNamespace("dev", Map.of())), List.of(new WorldPod("dev", dup, Map.of(), List.of()),
                new WorldPod("dev", dup, Map.of(), List.of())), List.of(), List.of());
        assertThatThrownBy(() -> NetnsBed.start(broken)).isInstanceOf(IllegalStateException.class);
        assertThat(netnsList()).noneMatch(n -> n.endsWith("-dev-" + dup));
    }

    private static List<String> netnsList() throws Exception {
        Process p = new ProcessBuilder("ip", "netns", "list").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().map(l -> l.split(" ")[0]).toList();
    }
}
