package dev.netpollab.policy.lint;

import dev.netpollab.policy.Direction;
import dev.netpollab.policy.PolicyTypes;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Check 10: a rule with {@code ports} and no {@code from}/{@code to}. "If this field is empty or missing, this rule
 * matches all sources" (NetworkPolicyIngressRule.from), and "all destinations" (NetworkPolicyEgressRule.to): the
 * ports are open to every pod of every namespace and every address outside the cluster.
 * <ul>
 * <li>Egress: rarely meant (the internet and the metadata server are destinations too), so a warning; DNS on port 53
 * anywhere is a common, deliberate shortcut, so only a note.</li>
 * <li>Ingress: a port served to every client is common, so only when the same policy also has a rule with peers and
 * no ports: the classic stray dash that splits "these clients, on this port" into "these clients, any port" and
 * "anyone, this port".</li>
 * </ul>
 */
final class PortsWithoutPeersCheck implements LintCheck {
    static final String ID = "ports-without-peers";

    @Override
    public List<Finding> check(LintContext ctx) {
        List<Finding> out = new ArrayList<>();
        for (NetworkPolicy np : ctx.policies()) {
            List<PolicyRules> rules = PolicyRules.of(np);
            for (PolicyRules r : rules) {
                if (!r.peers().isEmpty() || r.ports().isEmpty() || !PolicyTypes.effective(np.getSpec()).contains(r.direction())) {
                    continue;
                }
                boolean ingress = r.direction() == Direction.INGRESS;
                String peersField = ingress ? "from" : "to";
                // The other half of a rule split by a stray dash: peers, no ports, same direction.
                Optional<PolicyRules> split = rules.stream().filter(o -> o.direction() == r.direction() && !o.peers().isEmpty()
                        && o.ports().isEmpty()).findFirst();
                if (ingress && split.isEmpty()) {
                    continue;
                }
                String ports = r.ports().stream().map(PortsWithoutPeersCheck::text).collect(Collectors.joining(", "));
                boolean dnsOnly = !ingress && split.isEmpty()
                        && r.ports().stream().allMatch(p -> p.getPort() != null && Integer.valueOf(53).equals(p.getPort().getIntVal()));
                String meaning = (ingress
                        ? "this rule lists ports but no from, so every source (every pod of every namespace, and any address outside the "
                        + "cluster) can connect to " + ports + " of the pods it selects."
                        : "this rule lists ports but no to, so it opens " + ports + " to every destination: every pod of every namespace, "
                        + "and every address outside the cluster, the metadata server included.")
                        + split.map(o -> " With " + o.path() + ", which has " + peersField + " but no ports, it reads like one rule split in "
                        + "two by a stray dash: those peers get every port, and everyone gets these ports.").orElse("");
                String fix = split.isPresent()
                        ? "make it one rule: put ports under the same list item as " + peersField + " (no dash before ports)."
                        : dnsOnly
                        ? "to keep DNS inside the cluster, add a to: the kube-dns pods (namespaceSelector kubernetes.io/metadata.name: kube-system "
                        + "with podSelector k8s-app: kube-dns, in one peer)."
                        : "add a to with the peers the task names (podSelector, namespaceSelector, or an ipBlock for addresses outside the "
                        + "cluster); leave it out only when every destination is meant.";
                out.add(new Finding(ID, dnsOnly ? Severity.INFO : Severity.WARNING, LintContext.id(np), r.path(), meaning, fix));
            }
        }
        return out;
    }
    /** "443/TCP", "53/UDP", "http/TCP", "30000-32767/TCP"; a port entry without a port means every port of that protocol. */
    private static String text(NetworkPolicyPort p) {
        String protocol = p.getProtocol() == null ? "TCP" : p.getProtocol();
        if (p.getPort() == null) {
            return "every " + protocol + " port";
        }
        String port = p.getPort().getIntVal() != null ? String.valueOf(p.getPort().getIntVal()) : p.getPort().getStrVal();
        return port + (p.getEndPort() != null ? "-" + p.getEndPort() : "") + "/" + protocol;
    }
}
