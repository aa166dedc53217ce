package dev.netpollab.grade;

import dev.netpollab.policy.Cidr;
import dev.netpollab.policy.Direction;
import dev.netpollab.policy.PolicyValidator;
import dev.netpollab.policy.Protocol;
import dev.netpollab.scenario.KubeYaml;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.WorldPod;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Generates, from a scenario's reference solution, the wrong repairs candidates really make: a rule's
 * {@code ports} dropped; a peer's {@code podSelector} or {@code namespaceSelector} widened to {@code {}}; an AND
 * peer split into two OR peers, and OR peers merged into one AND; a {@code policyTypes} entry dropped; an
 * {@code ipBlock} widened (shorter prefix, an {@code except} removed); {@code endPort} dropped; UDP and TCP
 * flipped; a rule or a policy deleted; {@code spec.podSelector} narrowed or widened; a policy renamed; a
 * policy the solution removes left in place; a rule's peers dropped ({@code ports} with no {@code to}/{@code from});
 * one of several port entries dropped; an ingress rule for every port restricted to one served port;
 * {@code namespaceSelector: {}} added beside a {@code podSelector}; and the repair written as a new policy beside the
 * broken one. Mutants that the API server would reject are left out.
 */
public final class Mutator {
    private Mutator() {
    }

    public static List<Mutant> mutants(Scenario s) {
        List<NetworkPolicy> solution = s.solutionPolicies();
        List<Mutant> out = new ArrayList<>();
        for (int k = 0; k < solution.size(); k++) {
            NetworkPolicy np = solution.get(k);
            String id = id(np);
            final int at = k;
            out.add(new Mutant("delete-policy", id, "", "the policy deleted", without(solution, k), true));
            out.add(mutant(solution, at, "rename-policy", "metadata.name", "the policy named " + np.getMetadata().getName() + "-v2",
                    p -> p.getMetadata().setName(p.getMetadata().getName() + "-v2"), true));
            NetworkPolicySpec spec = np.getSpec();
            if (!isEmpty(spec.getPodSelector())) {
                out.add(mutant(solution, at, "widen-pod-selector", "spec.podSelector", "spec.podSelector widened to {} (every pod of the namespace)",
                        p -> p.getSpec().setPodSelector(new LabelSelector()), false));
            }
            narrowings(s, np).forEach((label, selector) -> out.add(mutant(solution, at, "narrow-pod-selector", "spec.podSelector",
                    "spec.podSelector narrowed with " + label, p -> p.getSpec().setPodSelector(selector), false)));
            List<String> types = spec.getPolicyTypes() == null ? List.of() : spec.getPolicyTypes();
            for (int j = 0; j < types.size(); j++) {
                final int tj = j;
                out.add(mutant(solution, at, "drop-policy-type", "spec.policyTypes[" + j + "]", "policyTypes without " + types.get(j), p -> {
                    List<String> t = new ArrayList<>(p.getSpec().getPolicyTypes());
                    t.remove(tj);
                    p.getSpec().setPolicyTypes(t.isEmpty() ? null : t);
                }, false));
            }
            for (Direction d : Direction.values()) {
                List<?> rules = RuleParts.rules(spec, d);
                List<dev.netpollab.scenario.WorldPort> served = d == Direction.INGRESS ? served(s, np) : List.of();
                for (int i = 0; i < rules.size(); i++) {
                    rule(solution, at, d, i, rules.get(i), out);
                    if (RuleParts.ports(rules.get(i)).isEmpty() && served.size() > 1) {
                        restrictions(solution, at, i, served, out);
                    }
                }
            }
        }
        for (NetworkPolicy broken : s.brokenPolicies()) {
            for (int k = 0; k < solution.size(); k++) {
                NetworkPolicy fixed = solution.get(k);
                if (id(fixed).equals(id(broken)) && !PolicyTree.same(PolicyTree.of(fixed).get("spec"), PolicyTree.of(broken).get("spec"))) {
                    // the repair written as a new policy while the broken one stays: the task asked to fix that one
                    List<NetworkPolicy> set = new ArrayList<>(solution);
                    NetworkPolicy copy = KubeYaml.serialization().clone(fixed);
                    copy.getMetadata().setName(fixed.getMetadata().getName() + "-fixed");
                    set.set(k, copy);
                    set.add(broken);
                    out.add(new Mutant("fix-beside-broken", id(broken), "", "the repair added as " + copy.getMetadata().getName()
                            + ", the broken policy left as it was", set, true));
                }
            }
        }
        for (NetworkPolicy removed : s.brokenPolicies()) {
            if (solution.stream().noneMatch(p -> id(p).equals(id(removed)))) {
                List<NetworkPolicy> set = new ArrayList<>(solution);
                set.add(removed);
                out.add(new Mutant("keep-removed-policy", id(removed), "", "the policy the solution removes left in place", set, true));
            }
        }
        return out.stream().filter(Mutator::valid).toList();
    }

    private static void rule(List<NetworkPolicy> solution, int at, Direction d, int i, Object rule, List<Mutant> out) {
        String field = d == Direction.INGRESS ? "ingress" : "egress";
        String peersField = d == Direction.INGRESS ? "from" : "to";
        String rp = "spec." + field + "[" + i + "]";
        out.add(mutant(solution, at, "delete-rule", rp, "the rule deleted", p -> RuleParts.rules(p.getSpec(), d).remove(i), false));
        List<NetworkPolicyPort> ports = RuleParts.ports(rule);
        if (!ports.isEmpty()) {
            out.add(mutant(solution, at, "drop-ports", rp + ".ports", "the rule's ports dropped (every port)",
                    p -> RuleParts.setPorts(RuleParts.rules(p.getSpec(), d).get(i), null), false));
        }
        if (ports.size() > 1) {
            for (int j = 0; j < ports.size(); j++) {
                final int pj = j;
                NetworkPolicyPort port = ports.get(j);
                out.add(mutant(solution, at, "drop-port-entry", rp + ".ports[" + j + "]", "the port entry " + portLabel(port) + " dropped",
                        p -> RuleParts.ports(RuleParts.rules(p.getSpec(), d).get(i)).remove(pj), false));
            }
        }
        for (int j = 0; j < ports.size(); j++) {
            final int pj = j;
            NetworkPolicyPort port = ports.get(j);
            Protocol proto = Protocol.orDefault(port.getProtocol());
            Protocol flipped = proto == Protocol.UDP ? Protocol.TCP : Protocol.UDP;
            out.add(mutant(solution, at, "flip-protocol", rp + ".ports[" + j + "].protocol", proto + " flipped to " + flipped,
                    p -> RuleParts.ports(RuleParts.rules(p.getSpec(), d).get(i)).get(pj).setProtocol(flipped.name()), false));
            if (port.getEndPort() != null) {
                out.add(mutant(solution, at, "drop-end-port", rp + ".ports[" + j + "].endPort", "endPort dropped (only port " + port.getPort().getIntVal() + ")",
                        p -> RuleParts.ports(RuleParts.rules(p.getSpec(), d).get(i)).get(pj).setEndPort(null), false));
            }
        }
        List<NetworkPolicyPeer> peers = RuleParts.peers(rule);
        if (!peers.isEmpty()) {
            // "ports but no to/from" is the classic way to open DNS (or any port) to every address
            out.add(mutant(solution, at, "drop-peers", rp + "." + peersField, "the rule's " + peersField + " dropped (every "
                            + (d == Direction.INGRESS ? "source" : "destination") + " on its ports)",
                    p -> RuleParts.setPeers(RuleParts.rules(p.getSpec(), d).get(i), null), false));
        }
        for (int j = 0; j < peers.size(); j++) {
            final int pj = j;
            NetworkPolicyPeer peer = peers.get(j);
            String pp = rp + "." + peersField + "[" + j + "]";
            if (peer.getPodSelector() != null && !isEmpty(peer.getPodSelector())) {
                out.add(mutant(solution, at, "widen-peer-pod-selector", pp + ".podSelector", "the peer's podSelector widened to {}",
                        p -> RuleParts.peers(RuleParts.rules(p.getSpec(), d).get(i)).get(pj).setPodSelector(new LabelSelector()), false));
            }
            if (peer.getNamespaceSelector() != null && !isEmpty(peer.getNamespaceSelector())) {
                out.add(mutant(solution, at, "widen-peer-namespace-selector", pp + ".namespaceSelector",
                        "the peer's namespaceSelector widened to {} (every namespace)",
                        p -> RuleParts.peers(RuleParts.rules(p.getSpec(), d).get(i)).get(pj).setNamespaceSelector(new LabelSelector()), false));
            }
            if (peer.getPodSelector() != null && peer.getNamespaceSelector() == null) {
                // namespaceSelector: {} next to a podSelector: the same labels in every namespace, not just the policy's
                out.add(mutant(solution, at, "add-all-namespaces", pp + ".namespaceSelector",
                        "namespaceSelector: {} added to the peer (its pods in every namespace)",
                        p -> RuleParts.peers(RuleParts.rules(p.getSpec(), d).get(i)).get(pj).setNamespaceSelector(new LabelSelector()), false));
            }
            if (peer.getPodSelector() != null && peer.getNamespaceSelector() != null) {
                out.add(mutant(solution, at, "split-and-peer", pp, "namespaceSelector AND podSelector split into two peers (OR)", p -> {
                    List<NetworkPolicyPeer> list = RuleParts.peers(RuleParts.rules(p.getSpec(), d).get(i));
                    NetworkPolicyPeer both = list.get(pj);
                    NetworkPolicyPeer pods = new NetworkPolicyPeer();
                    pods.setPodSelector(both.getPodSelector());
                    both.setPodSelector(null);
                    list.add(pj + 1, pods);
                }, false));
            }
            IPBlock block = peer.getIpBlock();
            if (block != null) {
                Cidr cidr = Cidr.parse(block.getCidr()).orElse(null);
                if (cidr != null && cidr.prefixLength() > 0) {
                    int shorter = Math.max(0, cidr.prefixLength() - 8);
                    String wider = address(Cidr.parse(address(cidr.network()) + "/" + shorter).orElseThrow().network()) + "/" + shorter;
                    out.add(mutant(solution, at, "widen-ip-block", pp + ".ipBlock.cidr", "cidr " + block.getCidr() + " widened to " + wider,
                            p -> RuleParts.peers(RuleParts.rules(p.getSpec(), d).get(i)).get(pj).getIpBlock().setCidr(wider), false));
                }
                List<String> except = block.getExcept() == null ? List.of() : block.getExcept();
                for (int e = 0; e < except.size(); e++) {
                    final int ej = e;
                    out.add(mutant(solution, at, "drop-except", pp + ".ipBlock.except[" + e + "]", "except " + except.get(e) + " removed", p -> {
                        IPBlock b = RuleParts.peers(RuleParts.rules(p.getSpec(), d).get(i)).get(pj).getIpBlock();
                        List<String> left = new ArrayList<>(b.getExcept());
                        left.remove(ej);
                        b.setExcept(left.isEmpty() ? null : left);
                    }, false));
                }
            }
        }
        for (int j = 0; j < peers.size(); j++) {
            for (int m = j + 1; m < peers.size(); m++) {
                NetworkPolicyPeer a = peers.get(j);
                NetworkPolicyPeer b = peers.get(m);
                boolean aNs = a.getNamespaceSelector() != null && a.getPodSelector() == null && a.getIpBlock() == null;
                boolean aPod = a.getPodSelector() != null && a.getNamespaceSelector() == null && a.getIpBlock() == null;
                boolean bNs = b.getNamespaceSelector() != null && b.getPodSelector() == null && b.getIpBlock() == null;
                boolean bPod = b.getPodSelector() != null && b.getNamespaceSelector() == null && b.getIpBlock() == null;
                if (aNs && bPod || aPod && bNs) {
                    final int x = j;
                    final int y = m;
                    out.add(mutant(solution, at, "merge-or-peers", rp + "." + peersField + "[" + j + "," + m + "]",
                            "two peers (OR) merged into one (namespaceSelector AND podSelector)", p -> {
                                List<NetworkPolicyPeer> list = RuleParts.peers(RuleParts.rules(p.getSpec(), d).get(i));
                                NetworkPolicyPeer first = list.get(x);
                                NetworkPolicyPeer second = list.get(y);
                                if (first.getPodSelector() == null) {
                                    first.setPodSelector(second.getPodSelector());
                                } else {
                                    first.setNamespaceSelector(second.getNamespaceSelector());
                                }
                                list.remove(y);
                            }, false));
                }
            }
        }
    }

    /** The distinct ports served by the world pods the policy selects. */
    private static List<dev.netpollab.scenario.WorldPort> served(Scenario s, NetworkPolicy np) {
        dev.netpollab.policy.LabelSelectorMatcher matcher = dev.netpollab.policy.LabelSelectorMatcher.of(
                np.getSpec().getPodSelector() == null ? new LabelSelector() : np.getSpec().getPodSelector());
        Map<String, dev.netpollab.scenario.WorldPort> out = new TreeMap<>();
        s.world().podsIn(np.getMetadata().getNamespace()).stream().filter(p -> matcher.matches(p.labels()))
                .flatMap(p -> p.ports().stream()).forEach(wp -> out.putIfAbsent(wp.port() + "/" + wp.protocol(), wp));
        return List.copyOf(out.values());
    }

    /** An ingress rule for every port restricted to one of the ports its pods serve: the others it opened are closed. */
    private static void restrictions(List<NetworkPolicy> solution, int at, int i, List<dev.netpollab.scenario.WorldPort> served, List<Mutant> out) {
        for (dev.netpollab.scenario.WorldPort wp : served) {
            out.add(mutant(solution, at, "restrict-ports", "spec.ingress[" + i + "].ports", "the rule restricted to port " + wp.port() + "/" + wp.protocol()
                    + " (the other ports it opened closed)", p -> {
                        NetworkPolicyPort port = new NetworkPolicyPort();
                        port.setPort(new io.fabric8.kubernetes.api.model.IntOrString(wp.port()));
                        port.setProtocol(wp.protocol().name());
                        RuleParts.setPorts(RuleParts.rules(p.getSpec(), Direction.INGRESS).get(i), new ArrayList<>(List.of(port)));
                    }, false));
        }
    }

    /**
     * Narrower pod selectors: the current one plus one label that some but not all of the selected world pods
     * carry, one per distinct set of pods it leaves selected.
     */
    private static Map<String, LabelSelector> narrowings(Scenario s, NetworkPolicy np) {
        Map<String, LabelSelector> out = new LinkedHashMap<>();
        LabelSelector current = np.getSpec().getPodSelector() == null ? new LabelSelector() : np.getSpec().getPodSelector();
        dev.netpollab.policy.LabelSelectorMatcher matcher = dev.netpollab.policy.LabelSelectorMatcher.of(current);
        List<WorldPod> selected = s.world().podsIn(np.getMetadata().getNamespace()).stream().filter(p -> matcher.matches(p.labels())).toList();
        Set<Set<String>> seen = new HashSet<>();
        for (WorldPod pod : selected) {
            for (var label : new TreeMap<>(pod.labels()).entrySet()) {
                Set<String> left = new HashSet<>();
                selected.stream().filter(p -> label.getValue().equals(p.labels().get(label.getKey()))).forEach(p -> left.add(p.id()));
                if (left.size() < selected.size() && seen.add(left)) {
                    LabelSelector narrower = KubeYaml.serialization().clone(current);
                    Map<String, String> ml = new LinkedHashMap<>(narrower.getMatchLabels() == null ? Map.of() : narrower.getMatchLabels());
                    ml.put(label.getKey(), label.getValue());
                    narrower.setMatchLabels(ml);
                    out.put(label.getKey() + "=" + label.getValue(), narrower);
                }
            }
        }
        return out;
    }

    private static Mutant mutant(List<NetworkPolicy> solution, int k, String operator, String path, String description,
                                 Consumer<NetworkPolicy> edit, boolean nameMatters) {
        List<NetworkPolicy> set = new ArrayList<>();
        for (int i = 0; i < solution.size(); i++) {
            NetworkPolicy copy = KubeYaml.serialization().clone(solution.get(i));
            if (i == k) {
                edit.accept(copy);
            }
            set.add(copy);
        }
        return new Mutant(operator, id(solution.get(k)), path, description, set, nameMatters);
    }

    private static List<NetworkPolicy> without(List<NetworkPolicy> solution, int k) {
        List<NetworkPolicy> set = new ArrayList<>(solution);
        set.remove(k);
        return set;
    }

    private static boolean valid(Mutant m) {
        Set<String> names = new HashSet<>();
        for (NetworkPolicy np : m.policies()) {
            if (!PolicyValidator.validate(np).isEmpty() || !names.add(id(np))) {
                return false;
            }
        }
        return true;
    }

    private static String portLabel(NetworkPolicyPort port) {
        String number = port.getPort() == null ? "every port" : port.getPort().getIntVal() != null
                ? String.valueOf(port.getPort().getIntVal()) : port.getPort().getStrVal();
        return number + (port.getEndPort() == null ? "" : "-" + port.getEndPort()) + "/" + Protocol.orDefault(port.getProtocol());
    }

    static String id(NetworkPolicy np) {
        return np.getMetadata().getNamespace() + "/" + np.getMetadata().getName();
    }

    private static boolean isEmpty(LabelSelector s) {
        return s == null || (s.getMatchLabels() == null || s.getMatchLabels().isEmpty())
                && (s.getMatchExpressions() == null || s.getMatchExpressions().isEmpty());
    }

    static String address(byte[] bytes) {
        try {
            return java.net.InetAddress.getByAddress(bytes).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an address", e);
        }
    }
}
