package dev.netpollab.policy.lint;

import dev.netpollab.policy.ContainerPortInfo;
import dev.netpollab.policy.Direction;
import dev.netpollab.policy.LabelSelectorMatcher;
import dev.netpollab.policy.PodInfo;
import dev.netpollab.policy.PolicyId;
import dev.netpollab.policy.Protocol;
import dev.netpollab.policy.Suggest;
import dev.netpollab.policy.Topology;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Check 8: ports that cannot match what the pods serve: unknown named ports, and Service ports used instead of target ports. */
final class PortChecks {
    private PortChecks() {
    }

    /** The pods that receive the traffic a rule is about: the selected pods for ingress, the peers' pods for egress. */
    static List<PodInfo> destinations(LintContext ctx, NetworkPolicy np, PolicyRules r) {
        PolicyId id = LintContext.id(np);
        if (r.direction() == Direction.INGRESS) {
            return ctx.engine().selectedPods(id);
        }
        Topology t = ctx.topology();
        if (r.peers().isEmpty()) {
            return ctx.workloadPods();
        }
        List<PodInfo> out = new ArrayList<>();
        for (PodInfo p : ctx.workloadPods()) {
            for (NetworkPolicyPeer peer : r.peers()) {
                if (peer.getIpBlock() != null) {
                    continue;
                }
                boolean ns = peer.getNamespaceSelector() == null ? p.namespace().equals(id.namespace())
                        : LabelSelectorMatcher.of(peer.getNamespaceSelector()).matches(t.namespace(p.namespace()).labels());
                if (ns && (peer.getPodSelector() == null || LabelSelectorMatcher.of(peer.getPodSelector()).matches(p.labels()))) {
                    out.add(p);
                    break;
                }
            }
        }
        return out;
    }

    /** One {@code ports[]} entry of a rule, with the pods that receive the traffic it admits. */
    record PortEntry(NetworkPolicy policy, PolicyRules rule, int index, NetworkPolicyPort port, Protocol protocol, List<PodInfo> destinations) {
        String path() {
            return rule.path() + ".ports[" + index + "].port";
        }
    }

    /** Every port entry of every rule that has pods to receive its traffic; a missing protocol is TCP (API default). */
    static List<PortEntry> portEntries(LintContext ctx) {
        List<PortEntry> out = new ArrayList<>();
        for (NetworkPolicy np : ctx.policies()) {
            for (PolicyRules r : PolicyRules.of(np)) {
                List<PodInfo> dst = destinations(ctx, np, r);
                for (int i = 0; i < r.ports().size() && !dst.isEmpty(); i++) {
                    NetworkPolicyPort port = r.ports().get(i);
                    if (port.getPort() != null) {
                        Protocol proto = Protocol.parse(port.getProtocol() == null ? "TCP" : port.getProtocol()).orElse(Protocol.TCP);
                        out.add(new PortEntry(np, r, i, port, proto, dst));
                    }
                }
            }
        }
        return out;
    }

    /** Check 8a: a named port that no destination pod declares for that protocol. */
    static final class NamedPortUnknown implements LintCheck {
        static final String ID = "named-port-unknown";

        @Override
        public List<Finding> check(LintContext ctx) {
            List<Finding> out = new ArrayList<>();
            for (PortEntry e : portEntries(ctx)) {
                String name = e.port().getPort().getStrVal();
                Protocol proto = e.protocol();
                if (name == null || e.destinations().stream().anyMatch(p -> p.namedPort(name, proto).isPresent())) {
                    continue;
                }
                TreeSet<String> names = new TreeSet<>();
                e.destinations().forEach(p -> p.ports().stream().filter(c -> c.name() != null && c.protocol() == proto).forEach(c -> names.add(c.name())));
                String hint = Suggest.closest(name, names).map(n -> "did you mean " + n + "? ").orElse("");
                out.add(new Finding(ID, Severity.WARNING, LintContext.id(e.policy()), e.path(),
                        "no pod that receives this traffic declares a " + proto + " port named " + name
                                + "; named ports are looked up on the destination pod, so this entry matches no port.",
                        hint + "use a name the destination's containers declare" + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")")
                                + ", or the port number."));
            }
            return out;
        }
    }

    /** Check 8b: a rule's port is a Service's port while the pods serve the Service's targetPort. */
    static final class ServicePortUsed implements LintCheck {
        static final String ID = "service-port-not-target-port";

        @Override
        public List<Finding> check(LintContext ctx) {
            List<Finding> out = new ArrayList<>();
            for (PortEntry e : portEntries(ctx)) {
                Integer number = e.port().getPort().getIntVal();
                Protocol proto = e.protocol();
                if (number == null || e.port().getEndPort() != null || e.destinations().stream().anyMatch(p -> serves(p, number, proto))) {
                    continue;
                }
                for (Service svc : ctx.services()) {
                    if (e.destinations().stream().noneMatch(p -> selects(svc, p))) {
                        continue;
                    }
                    for (ServicePort sp : svc.getSpec().getPorts()) {
                        if (sp.getPort() == number.intValue() && Protocol.orDefault(sp.getProtocol()) == proto && sp.getTargetPort() != null) {
                            String target = sp.getTargetPort().getIntVal() != null ? String.valueOf(sp.getTargetPort().getIntVal())
                                    : sp.getTargetPort().getStrVal();
                            out.add(new Finding(ID, Severity.WARNING, LintContext.id(e.policy()), e.path(),
                                    number + " is the port of Service " + svc.getMetadata().getNamespace() + "/" + svc.getMetadata().getName()
                                            + "; the Service forwards to targetPort " + target + " and policies see that pod port, so this entry matches nothing.",
                                    "allow the targetPort " + target + " instead."));
                        }
                    }
                }
            }
            return out;
        }

        private static boolean serves(PodInfo p, int port, Protocol proto) {
            for (ContainerPortInfo c : p.ports()) {
                if (c.port() == port && c.protocol() == proto) {
                    return true;
                }
            }
            return false;
        }

        private static boolean selects(Service svc, PodInfo p) {
            Map<String, String> sel = svc.getSpec() == null ? null : svc.getSpec().getSelector();
            return sel != null && !sel.isEmpty() && p.namespace().equals(svc.getMetadata().getNamespace())
                    && p.labels().entrySet().containsAll(sel.entrySet());
        }
    }
}
