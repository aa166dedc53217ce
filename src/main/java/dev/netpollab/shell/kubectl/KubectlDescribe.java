package dev.netpollab.shell.kubectl;

import dev.netpollab.policy.Direction;
import dev.netpollab.policy.PolicyTypes;
import dev.netpollab.shell.ShellError;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

@Command(name = "describe", description = "Describe netpol (how it reads: peers, ports, types), pods, svc or ns as kubectl does.")
public final class KubectlDescribe extends KubectlCommand {
    @Parameters(index = "0", paramLabel = "TYPE|TYPE/NAME", description = "netpol, pods, svc or ns.")
    String type;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "NAME")
    List<String> names = new ArrayList<>();

    @Option(names = {"-A", "--all-namespaces"}, description = "Describe across all namespaces.")
    boolean all;

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR", description = "Only objects whose labels match.")
    String selector;

    @Override
    protected void run() {
        List<String> wanted = new ArrayList<>(names);
        String typeWord = type;
        if (type.contains("/")) {
            typeWord = type.substring(0, type.indexOf('/'));
            wanted.add(0, type.substring(type.indexOf('/') + 1));
        }
        ResourceType t = ResourceType.parse(typeWord);
        if (t == ResourceType.ENDPOINTS || t == ResourceType.ENDPOINTSLICE) {
            throw new ShellError("error: the built-in describe shows netpol, pods, svc and ns; for " + typeWord + " use `get " + typeWord
                    + " -o wide` or `-o yaml`");
        }
        String ns = all ? null : namespace();
        List<HasMetadata> items = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        if (wanted.isEmpty()) {
            items.addAll(list(t, ns));
            if (selector != null) {
                var sel = Labels.parseSelector(selector);
                items.removeIf(o -> !Labels.matches(sel, o.getMetadata().getLabels()));
            }
            items.sort(java.util.Comparator.comparing((HasMetadata o) -> String.valueOf(o.getMetadata().getNamespace()))
                    .thenComparing(o -> o.getMetadata().getName()));
            if (items.isEmpty()) {
                s.out().println(ns == null || !t.namespaced() ? "No resources found" : "No resources found in " + ns + " namespace.");
            }
        }
        for (String n : wanted) {
            HasMetadata o = find(t, ns == null ? namespace() : ns, n);
            if (o == null) {
                errors.add(t.notFoundText(n));
            } else {
                items.add(o);
            }
        }
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                s.out().println();
                s.out().println();
            }
            switch (t) {
                case NETWORKPOLICY -> describe((NetworkPolicy) items.get(i), s.out());
                default -> Describers.describe(t, items.get(i), list(ResourceType.ENDPOINTS, items.get(i).getMetadata().getNamespace()), s.out());
            }
        }
        if (!errors.isEmpty()) {
            throw new ShellError(String.join("\n", errors));
        }
    }

    /** kubectl's NetworkPolicy describer layout. */
    public static void describe(NetworkPolicy np, PrintWriter out) {
        out.println(field("Name:") + np.getMetadata().getName());
        out.println(field("Namespace:") + np.getMetadata().getNamespace());
        out.println(field("Created on:") + (np.getMetadata().getCreationTimestamp() == null ? "<unknown>"
                : np.getMetadata().getCreationTimestamp().replace('T', ' ').replace("Z", " +0000 UTC")));
        out.println(field("Labels:") + Describers.multiline(np.getMetadata().getLabels(), 14));
        out.println(field("Annotations:") + Describers.multiline(np.getMetadata().getAnnotations(), 14));
        NetworkPolicySpec spec = np.getSpec() == null ? new NetworkPolicySpec() : np.getSpec();
        out.println("Spec:");
        String ps = Selectors.text(spec.getPodSelector());
        out.println("  PodSelector:     " + (ps.equals("<none>") ? "<none> (Allowing the specific traffic to all pods in this namespace)" : ps));
        Set<Direction> types = PolicyTypes.effective(spec);
        if (types.contains(Direction.INGRESS)) {
            out.println("  Allowing ingress traffic:");
            List<Rule> rules = new ArrayList<>();
            spec.getIngress().forEach(r -> rules.add(new Rule(r.getPorts(), r.getFrom())));
            rules(rules, "From", "source", "ingress", out);
        } else {
            out.println("  Not affecting ingress traffic");
        }
        if (types.contains(Direction.EGRESS)) {
            out.println("  Allowing egress traffic:");
            List<Rule> rules = new ArrayList<>();
            spec.getEgress().forEach(r -> rules.add(new Rule(r.getPorts(), r.getTo())));
            rules(rules, "To", "destination", "egress", out);
        } else {
            out.println("  Not affecting egress traffic");
        }
        out.println("  Policy Types: " + String.join(", ", types.stream().map(Direction::policyType).toList()));
    }

    private record Rule(List<NetworkPolicyPort> ports, List<NetworkPolicyPeer> peers) {
    }

    private static void rules(List<Rule> rules, String peerWord, String peerNoun, String dir, PrintWriter out) {
        String in = "    ";
        if (rules.isEmpty()) {
            out.println(in + "<none> (Selected pods are isolated for " + dir + " connectivity)");
            return;
        }
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            if (r.ports() == null || r.ports().isEmpty()) {
                out.println(in + "To Port: <any> (traffic allowed to all ports)");
            } else {
                for (NetworkPolicyPort p : r.ports()) {
                    String port = p.getPort() == null ? "<any>" : p.getPort().getIntVal() != null ? String.valueOf(p.getPort().getIntVal())
                            : p.getPort().getStrVal();
                    String range = p.getEndPort() == null ? "" : "-" + p.getEndPort();
                    out.println(in + "To Port: " + port + range + "/" + (p.getProtocol() == null ? "TCP" : p.getProtocol()));
                }
            }
            if (r.peers() == null || r.peers().isEmpty()) {
                out.println(in + peerWord + ": <any> (traffic not restricted by " + peerNoun + ")");
            } else {
                for (NetworkPolicyPeer peer : r.peers()) {
                    out.println(in + peerWord + ":");
                    if (peer.getNamespaceSelector() != null) {
                        out.println(in + "  NamespaceSelector: " + Selectors.text(peer.getNamespaceSelector()));
                    }
                    if (peer.getPodSelector() != null) {
                        out.println(in + "  PodSelector: " + Selectors.text(peer.getPodSelector()));
                    }
                    if (peer.getIpBlock() != null) {
                        out.println(in + "  IPBlock:");
                        out.println(in + "    CIDR: " + peer.getIpBlock().getCidr());
                        out.println(in + "    Except: " + String.join(", ", peer.getIpBlock().getExcept() == null ? List.of() : peer.getIpBlock().getExcept()));
                    }
                }
            }
            if (i != rules.size() - 1) {
                out.println(in + "----------");
            }
        }
    }

    private static String field(String name) {
        return String.format("%-14s", name);
    }
}
