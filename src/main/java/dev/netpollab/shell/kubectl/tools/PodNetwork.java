package dev.netpollab.shell.kubectl.tools;

import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.lab.StandardCluster;
import dev.netpollab.policy.PodInfo;
import dev.netpollab.policy.PolicyEngine;
import dev.netpollab.policy.Protocol;
import dev.netpollab.policy.Verdict;
import dev.netpollab.probe.ModelProber;
import dev.netpollab.probe.Observation;
import dev.netpollab.probe.Outcome;
import dev.netpollab.probe.Probe;
import dev.netpollab.scenario.Target;
import dev.netpollab.scenario.WorldExternal;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The network as seen from inside one pod of the embedded lab: names resolved as the pod's resolver would (search
 * domains {@code NS.svc.cluster.local svc.cluster.local cluster.local}, queries to kube-dns on UDP 53, which egress
 * policy can block), Service addresses translated to an endpoint and its targetPort (the selector's pods, or for a
 * Service without a selector its EndpointSlice, as kube-proxy does), and every connection decided by the policy
 * engine through {@link ModelProber}. No packet is sent; nothing here decides what policy allows.
 */
public final class PodNetwork {
    public static final String CLUSTER_DOMAIN = "cluster.local";

    /** How a name lookup ended. */
    public enum Lookup { FOUND, NXDOMAIN, DNS_BLOCKED }

    /**
     * Where a name or address leads.
     *
     * @param fqdn   the name that answered (for a Service: NAME.NS.svc.cluster.local), or the address itself
     * @param target the pod, Service or external endpoint behind the address; null for an address nothing in the lab has
     */
    public record Resolution(Lookup lookup, String fqdn, String ip, Target target) {
    }

    /**
     * What a connection attempt met. {@code body}: what the server answers (agnhost porter's text), when it connected;
     * {@code plainHttp}: the server is a world pod, which speaks HTTP only (an outside endpoint is taken to speak TLS too).
     */
    public record Connection(Outcome outcome, String ip, int port, String body, boolean nothingThere, String detail, boolean plainHttp) {
        Connection(Outcome outcome, String ip, int port, String body, boolean nothingThere, String detail) {
            this(outcome, ip, port, body, nothingThere, detail, true);
        }
    }

    private final ClusterSnapshot snapshot;
    private final PolicyEngine engine;
    private final Pod source;

    /**
     * @param snapshot the whole cluster (every namespace), with the source pod in it
     * @param slices   EndpointSlices, for Services without a selector
     */
    public PodNetwork(ClusterSnapshot snapshot, List<EndpointSlice> slices, Pod source) {
        this.snapshot = new ClusterSnapshot(snapshot.namespaces(), snapshot.pods(), snapshot.services(), snapshot.policies(),
                snapshot.externals(), slices);
        this.engine = PolicyEngine.compile(this.snapshot.topology(), this.snapshot.policies());
        this.source = source;
    }

    /** The cluster DNS the pod's resolv.conf names. */
    public String dnsServer() {
        return StandardCluster.DNS_SERVICE_IP;
    }

    public String namespace() {
        return source.getMetadata().getNamespace();
    }

    private String from() {
        return source.getMetadata().getNamespace() + "/" + source.getMetadata().getName();
    }

    /** Whether a DNS query leaves the pod and reaches a kube-dns pod (UDP 53, through every policy on the way). */
    public boolean dnsReachable() {
        PodInfo src = engine.topology().pod(from()).orElseThrow();
        Verdict v = ModelProber.dnsVerdict(engine, src);
        return v != null && v.allowed();
    }

    /**
     * Resolves a host as given on a command line: an IPv4 address as is, a name through DNS.
     *
     * @param search whether the resolver's search list applies (dig does not use it unless asked)
     */
    public Resolution resolve(String host, boolean search) {
        if (isIp(host)) {
            return byIp(host);
        }
        if (!dnsReachable()) {
            return new Resolution(Lookup.DNS_BLOCKED, host, null, null);
        }
        for (String candidate : candidates(host, search)) {
            Optional<Resolution> r = answer(candidate);
            if (r.isPresent()) {
                return r.get();
            }
        }
        return new Resolution(Lookup.NXDOMAIN, host, null, null);
    }

    /** The names the resolver tries, in order: with ndots:5, the search list first unless the name ends with a dot. */
    List<String> candidates(String host, boolean search) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            return List.of(h.substring(0, h.length() - 1));
        }
        List<String> out = new ArrayList<>();
        if (search) {
            for (String domain : List.of(namespace() + ".svc." + CLUSTER_DOMAIN, "svc." + CLUSTER_DOMAIN, CLUSTER_DOMAIN)) {
                out.add(h + "." + domain);
            }
        }
        out.add(h);
        return out;
    }

    /** What CoreDNS answers for one fully qualified name: a Service's ClusterIP for NAME.NS.svc.cluster.local. */
    private Optional<Resolution> answer(String fqdn) {
        String suffix = ".svc." + CLUSTER_DOMAIN;
        if (!fqdn.endsWith(suffix)) {
            return Optional.empty();
        }
        String[] parts = fqdn.substring(0, fqdn.length() - suffix.length()).split("\\.");
        if (parts.length != 2) {
            return Optional.empty();
        }
        return snapshot.service(parts[1], parts[0]).filter(s -> s.getSpec() != null && s.getSpec().getClusterIP() != null)
                .map(s -> new Resolution(Lookup.FOUND, fqdn, s.getSpec().getClusterIP(), new Target.Service(parts[1], parts[0])));
    }

    /** The pod, Service or external endpoint at an address. */
    public Resolution byIp(String ip) {
        for (Service s : snapshot.services()) {
            if (ip.equals(s.getSpec().getClusterIP())) {
                return new Resolution(Lookup.FOUND, ip, ip, new Target.Service(s.getMetadata().getNamespace(), s.getMetadata().getName()));
            }
        }
        for (Pod p : snapshot.pods()) {
            if (p.getStatus() != null && ip.equals(p.getStatus().getPodIP())) {
                return new Resolution(Lookup.FOUND, ip, ip, new Target.Pod(p.getMetadata().getNamespace(), p.getMetadata().getName()));
            }
        }
        for (WorldExternal e : snapshot.externals()) {
            if (e.ip().equals(ip)) {
                return new Resolution(Lookup.FOUND, ip, ip, e.name().startsWith(ADHOC) ? null : new Target.External(e.name()));
            }
        }
        return new Resolution(Lookup.FOUND, ip, ip, null);
    }

    /** One TCP or UDP connection to a resolved address, decided by the engine. */
    public Connection connect(Resolution r, int port, Protocol protocol) {
        Target target = r.target();
        if (target == null) {
            // Nothing in the lab has this address: policy may still drop the packet (an ipBlock decides), else no host answers.
            PodNetwork extended = withAddress(r.ip());
            Observation o = ModelProber.observe(extended.engine, extended.snapshot, new Probe(from(), new Target.External(ADHOC + r.ip()), port,
                    protocol));
            return o.outcome() == Outcome.BLOCKED ? new Connection(Outcome.BLOCKED, r.ip(), port, null, false, o.detail())
                    : new Connection(Outcome.REFUSED, r.ip(), port, null, true, "no host at " + r.ip() + " in this lab");
        }
        if (target instanceof Target.Service ts) {
            Service svc = snapshot.service(ts.namespace(), ts.name()).orElseThrow();
            Optional<ServicePort> sp = svc.getSpec().getPorts().stream()
                    .filter(x -> x.getPort() == port && Protocol.orDefault(x.getProtocol()) == protocol).findFirst();
            if (sp.isEmpty()) {
                // kube-proxy has no rule for this port: the ClusterIP does not answer it.
                return new Connection(Outcome.BLOCKED, r.ip(), port, null, true, "Service " + ts.id() + " has no port " + port + "/" + protocol);
            }
            // The Service's endpoints, its selector's pods or (default/kubernetes) its EndpointSlice's addresses, as kube-proxy does.
            Observation o = ModelProber.viaClusterIp(engine, snapshot, new Probe(from(), ts, port, protocol));
            Connection c = connection(o, r.ip(), port, endpointBody(o));
            boolean outside = o.verdict() != null && o.verdict().connection().dst() instanceof dev.netpollab.policy.ExternalInfo;
            return outside ? new Connection(c.outcome(), c.ip(), port, c.body(), c.nothingThere(), c.detail(), false) : c;
        }
        Observation o = ModelProber.observe(engine, snapshot, new Probe(from(), target, port, protocol));
        Connection c = connection(o, r.ip(), port, body(target, port));
        return target instanceof Target.External ? new Connection(c.outcome(), c.ip(), port, c.body(), c.nothingThere(), c.detail(), false) : c;
    }

    private static Connection connection(Observation o, String ip, int port, String body) {
        return switch (o.outcome()) {
            case ALLOWED -> new Connection(Outcome.ALLOWED, ip, port, body == null ? "" : body, false, o.detail());
            case ERROR -> new Connection(Outcome.BLOCKED, ip, port, null, true, o.detail());
            default -> new Connection(o.outcome(), ip, port, null, false, o.detail());
        };
    }

    /** What the endpoint that answered for a Service serves: a pod's text, or an outside endpoint's name. */
    private String endpointBody(Observation o) {
        if (o.outcome() != Outcome.ALLOWED || o.verdict() == null) {
            return null;
        }
        if (o.verdict().connection().dst() instanceof dev.netpollab.policy.ExternalInfo e) {
            return e.name();
        }
        String dst = o.verdict().connection().dst().id();
        return body(new Target.Pod(dst.substring(0, dst.indexOf('/')), dst.substring(dst.indexOf('/') + 1)), o.verdict().connection().port());
    }

    /** agnhost porter answers with the value of SERVE_PORT_N (the pod's name in a world); an external endpoint with its name. */
    private String body(Target target, int port) {
        if (target instanceof Target.External te) {
            return te.name();
        }
        if (target instanceof Target.Pod tp) {
            return snapshot.pod(tp.namespace(), tp.name()).flatMap(p -> p.getSpec().getContainers().stream()
                            .flatMap(c -> c.getEnv() == null ? java.util.stream.Stream.<EnvVar>empty() : c.getEnv().stream())
                            .filter(e -> e.getName().equals("SERVE_PORT_" + port) || e.getName().equals("SERVE_TCP_PORT_" + port)).findFirst())
                    .map(EnvVar::getValue).orElse(null);
        }
        return null;
    }

    static boolean isIp(String host) {
        return host.matches("(\\d{1,3}\\.){3}\\d{1,3}");
    }

    private static final String ADHOC = "address-";

    /**
     * Addresses that nothing in the world declares still meet ipBlock rules: the engine gets them as an unnamed external
     * endpoint with no open port.
     */
    private PodNetwork withAddress(String ip) {
        if (snapshot.externals().stream().anyMatch(e -> e.ip().equals(ip))) {
            return this;
        }
        List<WorldExternal> ext = new ArrayList<>(snapshot.externals());
        ext.add(new WorldExternal(ADHOC + ip, ip, List.of()));
        return new PodNetwork(new ClusterSnapshot(snapshot.namespaces(), snapshot.pods(), snapshot.services(), snapshot.policies(), ext),
                snapshot.endpointSlices(), source);
    }
}
