package dev.netpollab.policy;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which connections a set of NetworkPolicies allows, exactly as networking.k8s.io/v1 specifies,
 * and why. Policies are compiled once against a topology (which pods each policy selects, which pods each
 * peer matches), so a verdict is a few bit tests per rule; the traced evaluation reuses the same pieces.
 * Pure: no I/O, no API calls.
 */
public final class PolicyEngine {
    private final Topology topology;
    private final List<CompiledPolicy> policies;
    /** Per pod index: the policies that isolate it for ingress / egress. */
    private final int[][] ingressPolicies;
    private final int[][] egressPolicies;

    private PolicyEngine(Topology topology, List<CompiledPolicy> policies) {
        this.topology = topology;
        this.policies = policies;
        int n = topology.pods().size();
        this.ingressPolicies = new int[n][];
        this.egressPolicies = new int[n][];
        List<List<Integer>> in = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            in.add(new ArrayList<>());
            out.add(new ArrayList<>());
        }
        for (int p = 0; p < policies.size(); p++) {
            CompiledPolicy cp = policies.get(p);
            for (int i = cp.selected.nextSetBit(0); i >= 0; i = cp.selected.nextSetBit(i + 1)) {
                if (cp.types.contains(Direction.INGRESS)) {
                    in.get(i).add(p);
                }
                if (cp.types.contains(Direction.EGRESS)) {
                    out.get(i).add(p);
                }
            }
        }
        for (int i = 0; i < n; i++) {
            ingressPolicies[i] = in.get(i).stream().mapToInt(Integer::intValue).toArray();
            egressPolicies[i] = out.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * Compiles valid policies (see {@link PolicyValidator}) against a topology.
     *
     * @throws IllegalArgumentException when two policies share a namespace and name, or one is invalid
     */
    public static PolicyEngine compile(Topology topology, List<NetworkPolicy> policies) {
        List<CompiledPolicy> compiled = new ArrayList<>();
        Set<PolicyId> seen = new HashSet<>();
        for (NetworkPolicy p : policies) {
            CompiledPolicy cp = new CompiledPolicy(p, topology);
            if (!seen.add(cp.id)) {
                throw new IllegalArgumentException("duplicate NetworkPolicy " + cp.id);
            }
            compiled.add(cp);
        }
        compiled.sort(Comparator.comparing(cp -> cp.id));
        return new PolicyEngine(topology, List.copyOf(compiled));
    }

    public Topology topology() {
        return topology;
    }

    public List<NetworkPolicy> policies() {
        return policies.stream().map(cp -> cp.source).toList();
    }

    /** Whether a connection is allowed, without building a trace (the hot path). */
    public boolean allows(Endpoint src, Endpoint dst, int port, Protocol protocol) {
        return allows(src, indexOf(src), dst, indexOf(dst), port, protocol);
    }

    private boolean allows(Endpoint src, int s, Endpoint dst, int d, int port, Protocol protocol) {
        if (s >= 0 && s == d) {
            return true; // loopback: see isLoopback
        }
        // "Outgoing traffic is allowed if there are no NetworkPolicies selecting the pod ..., OR if the traffic
        // matches at least one egress rule across all of the NetworkPolicy objects whose podSelector matches
        // the pod." (NetworkPolicySpec.egress)
        if (s >= 0 && !anyRuleAllows(egressPolicies[s], Direction.EGRESS, dst, d, dst, port, protocol)) {
            return false;
        }
        // "Traffic is allowed to a pod if there are no NetworkPolicies selecting the pod ..., OR if the traffic
        // matches at least one ingress rule across all of the NetworkPolicy objects whose podSelector matches
        // the pod." (NetworkPolicySpec.ingress)
        return d < 0 || anyRuleAllows(ingressPolicies[d], Direction.INGRESS, src, s, dst, port, protocol);
    }

    private boolean anyRuleAllows(int[] isolating, Direction dir, Endpoint peer, int peerIndex, Endpoint dst,
                                  int port, Protocol protocol) {
        if (isolating.length == 0) {
            return true;
        }
        for (int p : isolating) {
            for (CompiledRule rule : policies.get(p).rules(dir)) {
                if (rule.peerMatches(peer, peerIndex) && rule.portMatches(port, protocol, dst)) {
                    return true;
                }
            }
        }
        // Policies with the type set but no rules ("ingress: []" or absent) contribute nothing: "If this field is
        // empty then this NetworkPolicy does not allow any traffic (and serves solely to ensure that the pods it
        // selects are isolated by default)".
        return false;
    }

    /** The verdict with its full trace, for explanations. */
    public Verdict evaluate(Endpoint src, Endpoint dst, int port, Protocol protocol) {
        Connection c = new Connection(src, dst, port, protocol);
        DirectionResult egress = trace(Direction.EGRESS, src, dst, dst, port, protocol);
        DirectionResult ingress = trace(Direction.INGRESS, dst, src, dst, port, protocol);
        return new Verdict(c, isLoopback(src, dst) || egress.allowed() && ingress.allowed(), egress, ingress);
    }

    /**
     * A pod reaching itself: "The entities that a Pod can communicate with are identified through a combination
     * of ... Other pods that are allowed (exception: a pod cannot block access to itself)" (Network Policies
     * concept page). The packet never leaves the pod's network namespace, so no CNI can filter it, and the
     * upstream netpol e2e suite treats it as always allowed. The trace still shows what the policies say.
     */
    public static boolean isLoopback(Endpoint src, Endpoint dst) {
        return src instanceof PodInfo s && dst instanceof PodInfo d && s.id().equals(d.id());
    }

    private DirectionResult trace(Direction dir, Endpoint subject, Endpoint peer, Endpoint dst, int port, Protocol protocol) {
        int s = indexOf(subject);
        if (s < 0) {
            // Policies select pods; traffic from or to an endpoint outside the cluster is only constrained
            // by the policies of the pod at the other end.
            return new DirectionResult(dir, subject, List.of(), List.of(), List.of(), List.of(), true);
        }
        int p = indexOf(peer);
        List<PolicyId> isolating = new ArrayList<>();
        List<PolicyId> other = new ArrayList<>();
        List<PolicyId> ignored = new ArrayList<>();
        List<RuleCheck> checks = new ArrayList<>();
        for (CompiledPolicy cp : policies) {
            if (!cp.selected.get(s)) {
                continue;
            }
            if (cp.types.contains(dir)) {
                isolating.add(cp.id);
                for (CompiledRule rule : cp.rules(dir)) {
                    RuleCheck check = rule.check(peer, dst, port, protocol, topology);
                    checks.add(check);
                }
            } else {
                other.add(cp.id);
                if (!cp.rules(dir).isEmpty()) {
                    // Explicit policyTypes win: rules of a direction it does not list are not enforced.
                    ignored.add(cp.id);
                }
            }
        }
        boolean allowed = isolating.isEmpty() || checks.stream().anyMatch(RuleCheck::matched);
        assert allowed == (dir == Direction.EGRESS
                ? anyRuleAllows(egressPolicies[s], dir, peer, p, dst, port, protocol)
                : anyRuleAllows(ingressPolicies[s], dir, peer, p, dst, port, protocol));
        return new DirectionResult(dir, subject, isolating, other, ignored, checks, allowed);
    }

    /** The pods a policy selects (its {@code spec.podSelector} within its namespace). */
    public List<PodInfo> selectedPods(PolicyId id) {
        return policies.stream().filter(cp -> cp.id.equals(id)).findFirst()
                .map(cp -> cp.selected.stream().mapToObj(topology.pods()::get).toList())
                .orElse(List.of());
    }

    /** The directions a policy isolates, after defaulting. */
    public Set<Direction> types(PolicyId id) {
        return policies.stream().filter(cp -> cp.id.equals(id)).findFirst().map(cp -> cp.types).orElse(Set.of());
    }

    /** The policies that isolate a pod in a direction. */
    public List<PolicyId> isolating(PodInfo pod, Direction dir) {
        int i = indexOf(pod);
        if (i < 0) {
            return List.of();
        }
        int[] ps = dir == Direction.INGRESS ? ingressPolicies[i] : egressPolicies[i];
        List<PolicyId> out = new ArrayList<>();
        for (int p : ps) {
            out.add(policies.get(p).id);
        }
        return out;
    }

    /** The pods one rule's peers match, e.g. to show who a rule lets in. */
    public Optional<String> describePeers(RuleRef ref) {
        return policies.stream().filter(cp -> cp.id.equals(ref.policy())).findFirst()
                .map(cp -> cp.rules(ref.direction()))
                .filter(rules -> ref.index() < rules.size())
                .map(rules -> rules.get(ref.index()).describePeers());
    }

    /** The distinct (port, protocol) pairs a pod declares, sorted by port then protocol. */
    public static List<ContainerPortInfo> distinctPorts(PodInfo pod) {
        Set<String> seen = new TreeSet<>();
        List<ContainerPortInfo> out = new ArrayList<>();
        for (ContainerPortInfo cp : pod.ports()) {
            if (seen.add(cp.port() + "/" + cp.protocol())) {
                out.add(cp);
            }
        }
        out.sort(Comparator.comparingInt(ContainerPortInfo::port).thenComparing(ContainerPortInfo::protocol));
        return out;
    }

    /** Receives one pod-to-pod connection of {@link #forEachPodConnection}. */
    @FunctionalInterface
    public interface ConnectionSink {
        void accept(PodInfo src, PodInfo dst, int port, Protocol protocol, boolean allowed);
    }

    /**
     * Every ordered pair of distinct pods and every declared port of the destination, sorted by source,
     * destination, port and protocol, with the fast verdict: the analyze contract's enumeration.
     *
     * @return the number of connections evaluated
     */
    public long forEachPodConnection(ConnectionSink sink) {
        if (topology.pods().isEmpty()) {
            return 0;
        }
        List<PodInfo> pods = topology.pods();
        List<List<ContainerPortInfo>> ports = pods.stream().map(PolicyEngine::distinctPorts).toList();
        // Only pods that declare a port can be destinations; skipping the rest keeps a large portless input linear.
        int[] destinations = java.util.stream.IntStream.range(0, pods.size()).filter(d -> !ports.get(d).isEmpty()).toArray();
        long n = 0;
        for (int s = 0; s < pods.size(); s++) {
            PodInfo src = pods.get(s);
            for (int d : destinations) {
                if (s == d) {
                    continue;
                }
                PodInfo dst = pods.get(d);
                for (ContainerPortInfo cp : ports.get(d)) {
                    sink.accept(src, dst, cp.port(), cp.protocol(), allows(src, s, dst, d, cp.port(), cp.protocol()));
                    n++;
                }
            }
        }
        return n;
    }

    /** How many connections {@link #forEachPodConnection} would evaluate, without evaluating them. */
    public long podConnectionCount() {
        long others = Math.max(0, topology.pods().size() - 1L);
        return topology.pods().stream().mapToLong(p -> distinctPorts(p).size()).sum() * others;
    }

    private int indexOf(Endpoint e) {
        return e instanceof PodInfo pod ? topology.indexOf(pod.id()) : -1;
    }
}
