package dev.netpollab.probe;

import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.policy.Protocol;
import dev.netpollab.scenario.Target;
import dev.netpollab.scenario.World;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;

import java.util.Map;
import java.util.Optional;

/**
 * How one real probe is made from inside its source pod, decided from the snapshot.
 * <ul>
 * <li>{@code HTTP}: curl to an address and port (TCP).</li>
 * <li>{@code CONNECT}: {@code agnhost connect} (UDP, SCTP), which sends "hostname\n" and waits for the reply.</li>
 * <li>{@code DNS}: a real DNS query with dig, for the cluster DNS on port 53. CoreDNS silently drops any
 * message shorter than the 12-byte DNS header, so agnhost's 9 bytes would always time out.</li>
 * </ul>
 * A Service is reached at its ClusterIP, as the upstream netpol e2e suite does, and its name is looked up
 * separately: curl's connect timeout also covers name resolution, so a dropped lookup would otherwise read
 * as a dropped connection, and the musl resolver's own 5 s retries would race curl's 2 s.
 *
 * @param address where to connect: an IP, or the Service's DNS name when it has no ClusterIP; empty when
 *                only the lookup can be made (the Service is not in the snapshot)
 * @param lookup  for a Service, the name to resolve through the pod's resolver
 */
record ProbePlan(Probe probe, Method method, Optional<String> address, Optional<String> lookup) {
    enum Method { HTTP, CONNECT, DNS }

    /** The cluster domain the Service names are looked up in (what kubeadm, k3s, kind and EKS use). */
    static final String SERVICE_DOMAIN = "svc.cluster.local";

    /** Why this probe cannot be sent (it is then an error, never a block), or empty. */
    static Optional<String> problem(ClusterSnapshot snapshot, Probe p) {
        Optional<Pod> src = snapshot.pod(p.fromNamespace(), p.fromName());
        if (src.isEmpty()) {
            return Optional.of("source pod " + p.from() + " does not exist");
        }
        if (!ClusterSnapshot.ready(src.get())) {
            return Optional.of("source pod " + p.from() + " is not ready");
        }
        if (p.to() instanceof Target.Pod t) {
            Optional<Pod> dst = snapshot.pod(t.namespace(), t.name());
            return dst.isEmpty() ? Optional.of("no address for " + t.text() + " (the pod does not exist)")
                    : podIp(dst.get()).isEmpty() ? Optional.of("no address for " + t.text() + " (no IP yet)") : Optional.empty();
        }
        if (p.to() instanceof Target.External t && external(snapshot, t).isEmpty()) {
            return Optional.of("no address for " + t.text() + " (no such external endpoint)");
        }
        return Optional.empty();
    }

    /** The plan for a probe that {@link #problem} accepted. */
    static ProbePlan of(ClusterSnapshot snapshot, Probe p) {
        if (p.to() instanceof Target.Pod t) {
            Pod dst = snapshot.pod(t.namespace(), t.name()).orElseThrow();
            return new ProbePlan(p, isClusterDns(dst) ? dnsOr(p) : byProtocol(p), podIp(dst), Optional.empty());
        }
        if (p.to() instanceof Target.External t) {
            return new ProbePlan(p, byProtocol(p), external(snapshot, t), Optional.empty());
        }
        Target.Service t = (Target.Service) p.to();
        String name = t.name() + "." + t.namespace() + "." + SERVICE_DOMAIN;
        Optional<Service> svc = snapshot.service(t.namespace(), t.name());
        Optional<String> address = svc.map(s -> s.getSpec() == null ? null : s.getSpec().getClusterIP())
                .filter(ip -> !ip.isBlank() && !ip.equals("None")).or(() -> svc.map(s -> name));
        return new ProbePlan(p, svc.filter(ProbePlan::isDnsService).isPresent() ? dnsOr(p) : byProtocol(p), address, Optional.of(name));
    }

    private static Method byProtocol(Probe p) {
        return p.protocol() == Protocol.TCP ? Method.HTTP : Method.CONNECT;
    }

    /** A DNS server is probed with a DNS query on 53 over UDP or TCP; other ports as any server. */
    private static Method dnsOr(Probe p) {
        return p.port() == 53 && p.protocol() != Protocol.SCTP ? Method.DNS : byProtocol(p);
    }

    /** The cluster's DNS server: a kube-dns pod of kube-system (a look-alike elsewhere is an ordinary pod). */
    static boolean isClusterDns(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        return World.DNS_NAMESPACE.equals(pod.getMetadata().getNamespace()) && labels.entrySet().containsAll(World.DNS_LABELS.entrySet());
    }

    /** A Service in kube-system that selects the DNS pods, such as kube-dns. */
    static boolean isDnsService(Service s) {
        Map<String, String> selector = s.getSpec() == null || s.getSpec().getSelector() == null ? Map.of() : s.getSpec().getSelector();
        return World.DNS_NAMESPACE.equals(s.getMetadata().getNamespace()) && !selector.isEmpty()
                && World.DNS_LABELS.entrySet().containsAll(selector.entrySet());
    }

    private static Optional<String> podIp(Pod pod) {
        return Optional.ofNullable(pod.getStatus() == null ? null : pod.getStatus().getPodIP()).filter(ip -> !ip.isBlank());
    }

    private static Optional<String> external(ClusterSnapshot snapshot, Target.External t) {
        return snapshot.externals().stream().filter(e -> e.name().equals(t.name())).findFirst().map(e -> e.ip());
    }
}
