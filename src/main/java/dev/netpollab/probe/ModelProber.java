package dev.netpollab.probe;

import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.policy.ExternalInfo;
import dev.netpollab.policy.PodInfo;
import dev.netpollab.policy.PolicyEngine;
import dev.netpollab.policy.Protocol;
import dev.netpollab.policy.Topology;
import dev.netpollab.policy.Verdict;
import dev.netpollab.scenario.Target;
import dev.netpollab.scenario.World;
import dev.netpollab.scenario.WorldExternal;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Computes what a curl from the source pod would observe, with the policy engine: the probe of the
 * embedded lab, and the prediction shown next to real probes. A Service is reached as in a cluster:
 * resolve its name through a kube-dns pod (egress UDP 53 must be allowed), then connect to an endpoint
 * pod on the targetPort (policies see the pod port, never the Service port); a Service without a selector leads
 * where its EndpointSlices say (the API server's address and 6443 behind {@code default/kubernetes}).
 */
public final class ModelProber implements Prober {
    @Override
    public List<Observation> probe(ClusterSnapshot snapshot, List<Probe> probes) {
        PolicyEngine engine = PolicyEngine.compile(snapshot.topology(), snapshot.policies());
        List<Observation> out = new ArrayList<>(probes.size());
        for (Probe p : probes) {
            out.add(observe(engine, snapshot, p));
        }
        return out;
    }

    @Override
    public String describe() {
        return "computed by the policy engine (no packets are sent)";
    }

    /** The engine's answer for one probe. */
    public static Observation observe(PolicyEngine engine, ClusterSnapshot snapshot, Probe p) {
        Topology t = engine.topology();
        Optional<Pod> srcPod = snapshot.pod(p.fromNamespace(), p.fromName());
        if (srcPod.isEmpty()) {
            return error(p, "source pod " + p.from() + " does not exist");
        }
        if (!ClusterSnapshot.ready(srcPod.get())) {
            return error(p, "source pod " + p.from() + " is not ready");
        }
        PodInfo src = t.pod(p.from()).orElseThrow();
        if (p.to() instanceof Target.Pod tp) {
            Optional<Pod> dstPod = snapshot.pod(tp.namespace(), tp.name());
            if (dstPod.isEmpty()) {
                return error(p, "destination pod " + tp.id() + " does not exist");
            }
            if (!ClusterSnapshot.ready(dstPod.get())) {
                return error(p, "destination pod " + tp.id() + " is not ready");
            }
            PodInfo dst = t.pod(tp.id()).orElseThrow();
            return connect(engine, p, src, dst, p.port(), listens(dst, p.port(), p.protocol()), "");
        }
        if (p.to() instanceof Target.External te) {
            Optional<WorldExternal> ext = snapshot.externals().stream().filter(e -> e.name().equals(te.name())).findFirst();
            if (ext.isEmpty()) {
                return error(p, "no external endpoint " + te.name());
            }
            ExternalInfo dst = t.external(te.name()).orElseThrow();
            return connect(engine, p, src, dst, p.port(), ext.get().ports().contains(p.port()), "");
        }
        Target.Service ts = (Target.Service) p.to();
        // 1. DNS: curl resolves the name over UDP 53 through a kube-dns pod.
        Verdict dns = dnsVerdict(engine, src);
        if (dns == null) {
            return new Observation(p, Outcome.DNS_FAILED, "no kube-dns pod in kube-system", Outcome.DNS_FAILED, null);
        }
        if (!dns.allowed()) {
            return new Observation(p, Outcome.DNS_FAILED, "cannot resolve " + ts.name() + "." + ts.namespace()
                    + ": DNS to " + dns.connection().dst().id() + " on 53/UDP is blocked", Outcome.DNS_FAILED, dns);
        }
        return viaClusterIp(engine, snapshot, p);
    }

    /**
     * Whether the source can reach the cluster DNS: the verdict for UDP 53 to the first kube-dns pod that admits it
     * (else the last one tried), or null when there is no kube-dns pod.
     */
    public static Verdict dnsVerdict(PolicyEngine engine, PodInfo src) {
        List<PodInfo> dnsPods = engine.topology().pods().stream().filter(d -> d.namespace().equals(World.DNS_NAMESPACE)
                && World.DNS_LABELS.entrySet().stream().allMatch(e -> e.getValue().equals(d.labels().get(e.getKey())))).toList();
        Verdict dns = null;
        for (PodInfo d : dnsPods) {
            dns = engine.evaluate(src, d, 53, Protocol.UDP);
            if (dns.allowed()) {
                break;
            }
        }
        return dns;
    }

    /**
     * A probe to a Service's ClusterIP, once its name is resolved (or when the address is used directly): the
     * Service port forwards to a ready endpoint pod on the targetPort.
     */
    public static Observation viaClusterIp(PolicyEngine engine, ClusterSnapshot snapshot, Probe p) {
        Topology t = engine.topology();
        PodInfo src = t.pod(p.from()).orElseThrow();
        Target.Service ts = (Target.Service) p.to();
        Optional<Service> svc = snapshot.service(ts.namespace(), ts.name());
        if (svc.isEmpty()) {
            return new Observation(p, Outcome.DNS_FAILED, "no Service " + ts.id() + " (NXDOMAIN)", Outcome.DNS_FAILED, null);
        }
        Optional<ServicePort> sp = svc.get().getSpec().getPorts().stream()
                .filter(x -> x.getPort() == p.port() && Protocol.orDefault(x.getProtocol()) == p.protocol()).findFirst();
        if (sp.isEmpty()) {
            return error(p, "Service " + ts.id() + " has no port " + p.port() + "/" + p.protocol());
        }
        // 2. The Service forwards to a ready endpoint on the targetPort: the pods its selector matches, or for a Service
        // without a selector (default/kubernetes) the addresses its EndpointSlices list.
        Map<String, String> selector = svc.get().getSpec().getSelector() == null ? Map.of() : svc.get().getSpec().getSelector();
        if (selector.isEmpty()) {
            return viaEndpointSlices(engine, snapshot, p, svc.get(), sp.get());
        }
        List<PodInfo> endpoints = new ArrayList<>();
        for (Pod pod : snapshot.pods()) {
            Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
            if (pod.getMetadata().getNamespace().equals(ts.namespace()) && ClusterSnapshot.ready(pod)
                    && labels.entrySet().containsAll(selector.entrySet())) {
                endpoints.add(t.pod(pod.getMetadata().getNamespace(), pod.getMetadata().getName()).orElseThrow());
            }
        }
        if (endpoints.isEmpty()) {
            return new Observation(p, Outcome.REFUSED, "Service " + ts.id() + " has no ready endpoints (kube-proxy rejects)", Outcome.REFUSED, null);
        }
        List<Observation> each = new ArrayList<>();
        for (PodInfo ep : endpoints) {
            Optional<Integer> target = targetPort(sp.get().getTargetPort(), sp.get().getPort(), ep, p.protocol());
            String via = "via Service port " + p.port() + " -> " + ep.id() + ":" + target.map(String::valueOf).orElse("?") + "; ";
            if (target.isEmpty()) {
                each.add(new Observation(p, Outcome.REFUSED, via + ep.id() + " has no port named " + sp.get().getTargetPort().getStrVal(),
                        Outcome.REFUSED, null));
            } else {
                each.add(connect(engine, p, src, ep, target.get(), listens(ep, target.get(), p.protocol()), via));
            }
        }
        return agreed(p, ts, each);
    }

    /**
     * A Service without a selector, such as {@code default/kubernetes}: kube-proxy sends its traffic to the addresses of the
     * Service's EndpointSlices, on the slice port that has the Service port's name, and policy sees that address and port
     * (the API server's 6443, never the Service's 443). An address is a pod, an external endpoint of the world, or nothing
     * the lab knows (then only an ipBlock can tell, and no host answers).
     */
    private static Observation viaEndpointSlices(PolicyEngine engine, ClusterSnapshot snapshot, Probe p, Service svc, ServicePort sp) {
        PodInfo src = engine.topology().pod(p.from()).orElseThrow();
        Target.Service ts = (Target.Service) p.to();
        List<Observation> each = new ArrayList<>();
        for (EndpointSlice es : snapshot.endpointSlices(svc)) {
            Optional<EndpointPort> port = es.getPorts() == null ? Optional.empty() : es.getPorts().stream()
                    .filter(x -> Objects.equals(x.getName(), sp.getName()) && Protocol.orDefault(x.getProtocol()) == p.protocol()
                            && x.getPort() != null).findFirst();
            if (port.isEmpty() || es.getEndpoints() == null) {
                continue;
            }
            for (io.fabric8.kubernetes.api.model.discovery.v1.Endpoint ep : es.getEndpoints()) {
                // "ready ... nil should be interpreted as true" (EndpointConditions): only an explicit false leaves it out.
                if (ep.getConditions() != null && Boolean.FALSE.equals(ep.getConditions().getReady()) || ep.getAddresses() == null) {
                    continue;
                }
                for (String ip : ep.getAddresses()) {
                    each.add(toAddress(engine, snapshot, p, src, ip, port.get().getPort()));
                }
            }
        }
        if (each.isEmpty()) {
            return new Observation(p, Outcome.REFUSED, "Service " + ts.id() + " has no selector and no ready endpoint in its EndpointSlices"
                    + " (kube-proxy rejects)", Outcome.REFUSED, null);
        }
        return agreed(p, ts, each);
    }

    /** One connection to an endpoint address of a Service, after the translation. */
    private static Observation toAddress(PolicyEngine engine, ClusterSnapshot snapshot, Probe p, PodInfo src, String ip, int port) {
        String via = "via Service port " + p.port() + " -> " + ip + ":" + port + "; ";
        Optional<Pod> pod = snapshot.pods().stream().filter(x -> x.getStatus() != null && ip.equals(x.getStatus().getPodIP())).findFirst();
        if (pod.isPresent()) {
            PodInfo dst = engine.topology().pod(pod.get().getMetadata().getNamespace(), pod.get().getMetadata().getName()).orElseThrow();
            return connect(engine, p, src, dst, port, ClusterSnapshot.ready(pod.get()) && listens(dst, port, p.protocol()), via);
        }
        Optional<WorldExternal> ext = snapshot.externals().stream().filter(e -> e.ip().equals(ip)).findFirst();
        // An address nothing in the lab has: policy still decides (an ipBlock may match it), and no host answers.
        ExternalInfo dst = ext.map(e -> new ExternalInfo(e.name(), e.ip())).orElse(new ExternalInfo(ip, ip));
        return connect(engine, p, src, dst, port, ext.isPresent() && ext.get().ports().contains(port), via);
    }

    /** One outcome when every endpoint agrees; otherwise a real probe would depend on the endpoint it lands on. */
    private static Observation agreed(Probe p, Target.Service ts, List<Observation> each) {
        if (each.stream().allMatch(o -> o.outcome() == each.get(0).outcome())) {
            return each.get(0);
        }
        long ok = each.stream().filter(o -> o.outcome() == Outcome.ALLOWED).count();
        Observation firstBad = each.stream().filter(o -> o.outcome() != Outcome.ALLOWED).findFirst().orElseThrow();
        return new Observation(p, Outcome.ERROR, "only " + ok + " of " + each.size() + " endpoints of " + ts.id()
                + " are reachable, so a real probe would be flaky", Outcome.ERROR, firstBad.verdict());
    }

    private static Observation connect(PolicyEngine engine, Probe p, PodInfo src, dev.netpollab.policy.Endpoint dst, int port,
                                       boolean listening, String via) {
        Verdict v = engine.evaluate(src, dst, port, p.protocol());
        Outcome o = !v.allowed() ? Outcome.BLOCKED : listening ? Outcome.ALLOWED : Outcome.REFUSED;
        String detail = via + (o == Outcome.REFUSED ? "allowed by policy, but nothing listens on " + dst.id() + ":" + port + "/" + p.protocol()
                : o == Outcome.BLOCKED ? "dropped by policy" : "connected");
        return new Observation(p, o, detail, o, v);
    }

    private static boolean listens(PodInfo pod, int port, Protocol protocol) {
        return pod.ports().stream().anyMatch(cp -> cp.port() == port && cp.protocol() == protocol);
    }

    static Optional<Integer> targetPort(IntOrString target, int servicePort, PodInfo pod, Protocol protocol) {
        if (target == null) {
            return Optional.of(servicePort);
        }
        if (target.getIntVal() != null) {
            return Optional.of(target.getIntVal());
        }
        return pod.namedPort(target.getStrVal(), protocol).map(cp -> cp.port());
    }

    private static Observation error(Probe p, String why) {
        return new Observation(p, Outcome.ERROR, why, Outcome.ERROR, null);
    }
}
