package dev.netpollab.policy.lint;

import dev.netpollab.policy.NamespaceInfo;
import dev.netpollab.policy.PodInfo;
import dev.netpollab.policy.PolicyEngine;
import dev.netpollab.policy.PolicyId;
import dev.netpollab.policy.Topology;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the checks look at: the pods and namespaces, the policies, the Services, and an engine compiled
 * over them. When the topology has no cluster DNS pod, a stand-in {@code kube-system/kube-dns} (labels
 * {@code k8s-app: kube-dns}, 53 UDP and TCP) is added so DNS reachability can still be judged.
 */
public final class LintContext {
    public static final String DNS_NAMESPACE = "kube-system";
    public static final Map<String, String> DNS_LABELS = Map.of("k8s-app", "kube-dns");

    private final Topology topology;
    private final List<NetworkPolicy> policies;
    private final List<Service> services;
    private final PolicyEngine engine;
    private final List<PodInfo> dnsPods;

    public LintContext(Topology topology, List<NetworkPolicy> policies, List<Service> services) {
        this.policies = List.copyOf(policies);
        this.services = List.copyOf(services);
        List<PodInfo> dns = topology.pods().stream().filter(LintContext::isDns).toList();
        Topology t = topology;
        if (dns.isEmpty()) {
            List<PodInfo> pods = new ArrayList<>(topology.pods());
            pods.add(new PodInfo(DNS_NAMESPACE, "kube-dns", DNS_LABELS, null, List.of(
                    new dev.netpollab.policy.ContainerPortInfo("dns", 53, dev.netpollab.policy.Protocol.UDP),
                    new dev.netpollab.policy.ContainerPortInfo("dns-tcp", 53, dev.netpollab.policy.Protocol.TCP))));
            List<NamespaceInfo> ns = new ArrayList<>(topology.namespaces());
            t = new Topology(ns, pods, topology.externals());
        }
        this.topology = t;
        this.engine = PolicyEngine.compile(t, this.policies);
        this.dnsPods = t.pods().stream().filter(LintContext::isDns).toList();
    }

    static boolean isDns(PodInfo p) {
        return p.namespace().equals(DNS_NAMESPACE) && DNS_LABELS.entrySet().stream().allMatch(e -> e.getValue().equals(p.labels().get(e.getKey())));
    }

    public Topology topology() {
        return topology;
    }

    public List<NetworkPolicy> policies() {
        return policies;
    }

    public List<Service> services() {
        return services;
    }

    public PolicyEngine engine() {
        return engine;
    }

    public List<PodInfo> dnsPods() {
        return dnsPods;
    }

    /** Pods of the workload being checked: everything except the cluster DNS. */
    public List<PodInfo> workloadPods() {
        return topology.pods().stream().filter(p -> !isDns(p)).toList();
    }

    public static PolicyId id(NetworkPolicy np) {
        return new PolicyId(np.getMetadata().getNamespace() == null ? "default" : np.getMetadata().getNamespace(), np.getMetadata().getName());
    }
}
