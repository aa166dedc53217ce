package dev.netpollab.grade;

import dev.netpollab.policy.Direction;
import dev.netpollab.policy.DirectionResult;
import dev.netpollab.policy.Endpoint;
import dev.netpollab.policy.PeerMiss;
import dev.netpollab.policy.PolicyId;
import dev.netpollab.policy.RuleCheck;
import dev.netpollab.policy.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns the engine's trace into English: one line for a result table, or a full explanation. Each rule is one
 * plain sentence: what it admits, and why this connection is not that ("The only ingress rule of shop/db-ingress
 * admits pods labelled app=web, and shop/api is labelled app=api."), never field paths such as {@code from[0]}.
 */
public final class VerdictExplainer {
    private VerdictExplainer() {
    }

    static final String LOOPBACK = "allowed: a pod always reaches itself (loopback never leaves the pod, so no NetworkPolicy applies)";

    /** One line: the deciding side and why, e.g. "blocked: shop/db is isolated for ingress by policy shop/db-ingress. …". */
    public static String reason(Verdict v) {
        if (v.loopback()) {
            return LOOPBACK;
        }
        String cni = v.cniDependent() ? " This depends on the CNI: an ipBlock was compared with a pod IP." : "";
        if (v.allowed()) {
            List<String> parts = new ArrayList<>();
            for (DirectionResult d : List.of(v.ingress(), v.egress())) {
                if (!d.appliesToPod()) {
                    continue;
                }
                if (d.isolated()) {
                    d.allowedBy().ifPresent(rc -> parts.add(ruleName(rc, d) + (d.direction() == Direction.INGRESS ? " admits it" : " lets it out")
                            + everything(rc, d.direction())));
                } else {
                    parts.add("no policy selects " + d.subject().id() + " for " + d.direction().lower());
                }
            }
            return "allowed: " + String.join(", and ", parts) + "." + cni;
        }
        List<String> parts = new ArrayList<>();
        for (DirectionResult d : List.of(v.egress(), v.ingress())) {
            if (!d.allowed()) {
                parts.add(denial(d, peerOf(v, d)));
            }
        }
        return "blocked: " + String.join(" ", parts) + cni;
    }

    private static Endpoint peerOf(Verdict v, DirectionResult d) {
        return d.direction() == Direction.INGRESS ? v.connection().src() : v.connection().dst();
    }

    /** Why one side denies: isolated by which policies, then one sentence per rule that does not admit the peer. */
    private static String denial(DirectionResult d, Endpoint peer) {
        String head = d.subject().id() + " is isolated for " + d.direction().lower() + " by " + names(d.isolating());
        if (d.checks().isEmpty()) {
            return head + ", which " + (d.isolating().size() == 1 ? "has" : "have") + " no " + d.direction().lower() + " rules.";
        }
        return head + ". " + d.checks().stream().map(c -> capitalize(sentence(c, d, peer))).collect(Collectors.joining(" "));
    }

    /** One rule, one sentence: what it admits, and whether and why this peer and port are not that. */
    static String sentence(RuleCheck c, DirectionResult d, Endpoint peer) {
        String rule = ruleName(c, d);
        if (c.matched()) {
            return rule + " admits " + peer.id() + " on " + (c.portsWanted().isEmpty() ? "every port" : c.portsWanted()) + ".";
        }
        if (!c.peerMatched()) {
            List<PeerMiss> misses = c.peerMisses();
            String wanted = misses.stream().map(m -> wanted(m, d.direction())).distinct().collect(Collectors.joining(" or "));
            String why = misses.stream().map(m -> whyNot(m, peer)).distinct().collect(Collectors.joining("; "));
            return rule + " admits " + wanted + ", and " + (misses.size() > 1 ? peer.id() + " is none of them: " : "") + why + ".";
        }
        return rule + " admits " + peer.id() + ", but only on " + c.portsWanted() + (c.portDetail().isEmpty() ? "" : " (" + c.portDetail() + ")") + ".";
    }

    /** "the only ingress rule of shop/db-ingress", or "ingress rule 2 of shop/db-ingress" when it has several. */
    private static String ruleName(RuleCheck c, DirectionResult d) {
        PolicyId p = c.rule().policy();
        long rules = d.checks().stream().filter(x -> x.rule().policy().equals(p)).count();
        String dir = d.direction().lower();
        return rules == 1 ? "the only " + dir + " rule of " + p : dir + " rule " + (c.rule().index() + 1) + " of " + p;
    }

    /** A rule without peers or ports admits everything: worth saying, it is the classic "deny all" that allows all. */
    private static String everything(RuleCheck c, Direction dir) {
        boolean anyPeer = c.matchedPeer() < 0;
        boolean anyPort = c.portsWanted().isEmpty();
        String field = dir == Direction.INGRESS ? "`from`" : "`to`";
        String who = dir == Direction.INGRESS ? "every source" : "every destination";
        if (anyPeer && anyPort) {
            return " (it has no " + field + " and no `ports`: " + who + ", every port)";
        }
        return anyPeer ? " (it has no " + field + ": " + who + ", on " + c.portsWanted() + ")" : "";
    }

    /** What one peer of a rule admits, as far as the clause that failed tells. */
    private static String wanted(PeerMiss m, Direction dir) {
        return switch (m.clause()) {
            case POD_SELECTOR -> m.wanted().isEmpty() ? "pods with any labels" : "pods labelled " + m.wanted();
            case POLICY_NAMESPACE -> "only pods of namespace " + m.wanted() + " (a podSelector without namespaceSelector)";
            case NAMESPACE_SELECTOR -> "pods in namespaces labelled " + m.wanted();
            case IP_BLOCK, IP_BLOCK_EXCEPT, IP_UNKNOWN -> "addresses in " + m.wanted();
            case NOT_A_POD -> m.wanted();
        };
    }

    /** Why the connection's other end is not what that peer admits. */
    private static String whyNot(PeerMiss m, Endpoint peer) {
        String ns = peer.id().contains("/") ? peer.id().substring(0, peer.id().indexOf('/')) : peer.id();
        return switch (m.clause()) {
            case POD_SELECTOR -> peer.id() + (m.actual().isEmpty() ? " has no labels" : " is labelled " + m.actual());
            case POLICY_NAMESPACE -> peer.id() + " is in namespace " + m.actual();
            case NAMESPACE_SELECTOR -> "namespace " + ns + (m.actual().isEmpty() ? " has no labels" : " is labelled " + m.actual());
            case IP_BLOCK -> peer.id() + "'s IP " + m.actual() + " is outside it";
            case IP_BLOCK_EXCEPT -> peer.id() + "'s IP " + m.actual();
            case IP_UNKNOWN -> peer.id() + " has no known IP";
            case NOT_A_POD -> peer.id() + " (" + peer.ip() + ") is outside the cluster, where only an ipBlock can match";
        };
    }

    private static String names(List<PolicyId> ids) {
        List<String> n = ids.stream().map(PolicyId::toString).toList();
        return (ids.size() == 1 ? "policy " : "policies ") + (n.size() <= 1 ? String.join("", n)
                : String.join(", ", n.subList(0, n.size() - 1)) + " and " + n.get(n.size() - 1));
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The full explanation, one line per fact, for {@code explain}. */
    public static List<String> explain(Verdict v) {
        List<String> out = new ArrayList<>();
        out.add(v.connection() + ": " + (v.allowed() ? "ALLOWED" : "BLOCKED")
                + (v.cniDependent() ? " (depends on the CNI: an ipBlock was compared with a pod IP)" : ""));
        if (v.loopback()) {
            out.add("  " + LOOPBACK + ": \"a pod cannot block access to itself\" (Network Policies concept page).");
            out.add("  What the policies would say to another pod follows.");
        }
        out.add("A connection needs the source's egress AND the destination's ingress to allow it.");
        side(v, v.egress(), out);
        side(v, v.ingress(), out);
        return out;
    }

    private static void side(Verdict v, DirectionResult d, List<String> out) {
        Endpoint peer = peerOf(v, d);
        String dir = d.direction().lower();
        String subject = d.subject().id();
        if (!d.appliesToPod()) {
            out.add("  " + dir + ": " + subject + " is outside the cluster; no policy applies to it.");
            return;
        }
        if (!d.isolated()) {
            out.add("  " + dir + " of " + subject + ": not isolated (no policy in its namespace selects it with policyType "
                    + d.direction().policyType() + ") -> allowed");
        } else {
            out.add("  " + dir + " of " + subject + ": isolated by " + names(d.isolating()) + " -> " + (d.allowed() ? "allowed" : "denied"));
            for (PolicyId p : d.isolating()) {
                List<RuleCheck> rules = d.checks().stream().filter(c -> c.rule().policy().equals(p)).toList();
                if (rules.isEmpty()) {
                    out.add("    " + p + " has no " + dir + " rules: it only isolates (denies all " + dir + ").");
                }
                for (RuleCheck c : rules) {
                    out.add("    " + capitalize(sentence(c, d, peer)));
                }
            }
        }
        for (PolicyId p : d.otherDirection()) {
            if (d.ignoredRules().contains(p)) {
                out.add("    Note: " + p + " has " + dir + " rules, but its policyTypes does not list " + d.direction().policyType()
                        + ", so they are not enforced.");
            }
        }
    }
}
