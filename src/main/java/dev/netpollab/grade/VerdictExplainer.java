package dev.netpollab.grade;

import dev.netpollab.policy.Direction;
import dev.netpollab.policy.DirectionResult;
import dev.netpollab.policy.PeerMiss;
import dev.netpollab.policy.PolicyId;
import dev.netpollab.policy.RuleCheck;
import dev.netpollab.policy.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Turns the engine's trace into English: one line for a result table, or a full explanation. */
public final class VerdictExplainer {
    private VerdictExplainer() {
    }

    static final String LOOPBACK = "allowed: a pod always reaches itself (loopback never leaves the pod, so no NetworkPolicy applies)";

    /** One line: the deciding side and why, e.g. "blocked: shop/db is isolated for ingress by db-ingress; ...". */
    public static String reason(Verdict v) {
        if (v.loopback()) {
            return LOOPBACK;
        }
        if (v.allowed()) {
            List<String> parts = new ArrayList<>();
            for (DirectionResult d : List.of(v.ingress(), v.egress())) {
                if (!d.appliesToPod()) {
                    continue;
                }
                if (d.isolated()) {
                    d.allowedBy().ifPresent(rc -> parts.add(rc.rule() + (d.direction() == Direction.INGRESS ? " admits it" : " lets it out")));
                } else {
                    parts.add((parts.isEmpty() ? "no policy selects " : "none selects ") + d.subject().id() + " for " + d.direction().lower());
                }
            }
            return "allowed: " + String.join(", and ", parts) + (v.cniDependent() ? " (ipBlock on a pod IP: CNI-dependent)" : "");
        }
        List<String> parts = new ArrayList<>();
        for (DirectionResult d : List.of(v.egress(), v.ingress())) {
            if (!d.allowed()) {
                parts.add(denial(d, peerOf(v, d)));
            }
        }
        return "blocked: " + String.join("; and ", parts) + (v.cniDependent() ? " (ipBlock on a pod IP: CNI-dependent)" : "");
    }

    private static String peerOf(Verdict v, DirectionResult d) {
        return (d.direction() == Direction.INGRESS ? v.connection().src() : v.connection().dst()).id();
    }

    private static String denial(DirectionResult d, String peer) {
        String subject = d.subject().id();
        String head = subject + " is isolated for " + d.direction().lower() + " by " + names(d.isolating());
        List<RuleCheck> checks = d.checks();
        if (checks.isEmpty()) {
            return head + ", which " + (d.isolating().size() == 1 ? "has" : "have") + " no " + d.direction().lower()
                    + " rules";
        }
        String peerWord = d.direction() == Direction.INGRESS ? "from" : "to";
        if (checks.size() == 1) {
            String which = d.isolating().size() == 1 ? "its only rule " : "their only rule, " + checks.get(0).rule() + ", ";
            return head + "; " + which + miss(checks.get(0), peerWord, peer);
        }
        return head + "; none of its " + checks.size() + " rules match: "
                + checks.stream().map(c -> c.rule().policy().name() + " " + d.direction().lower() + "[" + c.rule().index() + "] "
                + miss(c, peerWord, peer)).collect(Collectors.joining("; "));
    }

    /** Why one rule did not match, as a clause: "admits pods with app=api, shop/web has {app=web}". */
    static String miss(RuleCheck c, String peerWord, String peer) {
        if (!c.peerMatched()) {
            return c.peerMisses().stream().map(m -> peerMiss(m, peerWord, peer)).collect(Collectors.joining(", nor "));
        }
        if (!c.portMatched()) {
            return "admits " + peer + " but only on " + c.portsWanted() + (c.portDetail().isEmpty() ? "" : " (" + c.portDetail() + ")");
        }
        return "matches";
    }

    private static String peerMiss(PeerMiss m, String peerWord, String peer) {
        String at = peerWord + "[" + m.peerIndex() + "]";
        return switch (m.clause()) {
            case POD_SELECTOR -> at + " admits pods with " + (m.wanted().isEmpty() ? "any labels" : m.wanted()) + ", " + peer + " has " + m.actual();
            case POLICY_NAMESPACE -> at + " has a podSelector without namespaceSelector, so it only admits pods in namespace "
                    + m.wanted() + ", " + peer + " is in " + m.actual();
            case NAMESPACE_SELECTOR -> at + " admits namespaces with " + m.wanted() + ", " + peer + "'s namespace is " + m.actual();
            case IP_BLOCK -> at + " admits " + m.wanted() + ", " + peer + "'s IP " + m.actual() + " is outside it";
            case IP_BLOCK_EXCEPT -> at + " admits " + m.wanted() + ", but " + m.actual();
            case IP_UNKNOWN -> at + " is an ipBlock (" + m.wanted() + ") and " + peer + " has no known IP";
            case NOT_A_POD -> at + " selects " + m.wanted() + ", but " + m.actual() + " is outside the cluster (only an ipBlock can match it)";
        };
    }

    private static String names(List<PolicyId> ids) {
        return (ids.size() == 1 ? "policy " : "policies ") + ids.stream().map(PolicyId::toString).collect(Collectors.joining(", "));
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
        String peer = peerOf(v, d);
        String dir = d.direction().lower();
        String subject = d.subject().id();
        if (!d.appliesToPod()) {
            out.add("  " + dir + ": " + subject + " is outside the cluster; no policy applies to it.");
            return;
        }
        if (!d.isolated()) {
            String s = "  " + dir + " of " + subject + ": not isolated (no policy in its namespace selects it with policyType "
                    + d.direction().policyType() + ") -> allowed";
            out.add(s);
        } else {
            out.add("  " + dir + " of " + subject + ": isolated by " + names(d.isolating()) + " -> " + (d.allowed() ? "allowed" : "denied"));
            String peerWord = d.direction() == Direction.INGRESS ? "from" : "to";
            for (PolicyId p : d.isolating()) {
                List<RuleCheck> rules = d.checks().stream().filter(c -> c.rule().policy().equals(p)).toList();
                if (rules.isEmpty()) {
                    out.add("    " + p + " has no " + dir + " rules: it only isolates (denies all " + dir + ")");
                }
                for (RuleCheck c : rules) {
                    out.add("    " + c.rule() + (c.matched() ? ": matches" + matchedHow(c, peerWord) : ": " + miss(c, peerWord, peer)));
                }
            }
        }
        for (PolicyId p : d.otherDirection()) {
            if (d.ignoredRules().contains(p)) {
                out.add("    note: " + p + " has " + dir + " rules, but its policyTypes does not list " + d.direction().policyType()
                        + ", so they are not enforced");
            }
        }
    }

    private static String matchedHow(RuleCheck c, String peerWord) {
        String peer = c.matchedPeer() < 0 ? " (any peer" : " (" + peerWord + "[" + c.matchedPeer() + "]";
        String ports = c.portsWanted().isEmpty() ? ", any port)" : ", ports " + c.portsWanted() + ")";
        return peer + ports;
    }
}
