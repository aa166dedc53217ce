package dev.netpollab.policy.lint;

import dev.netpollab.policy.Direction;
import dev.netpollab.policy.PodInfo;
import dev.netpollab.policy.PolicyEngine;
import dev.netpollab.policy.PolicyId;
import dev.netpollab.policy.Protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Check 1: pods isolated for egress that cannot reach the cluster DNS on port 53, or only on one protocol,
 * and the classic cause: {@code port: 53} without {@code protocol}, which means TCP only.
 */
final class DnsEgressCheck implements LintCheck {
    static final String BLOCKED = "dns-egress-blocked";
    static final String TCP_MISSING = "dns-tcp-missing";
    static final String UDP_MISSING = "dns-udp-missing";
    static final String NO_PROTOCOL = "dns-port-without-protocol";
    private static final String FIX = "add an egress rule to the kube-dns pods (namespaceSelector kubernetes.io/metadata.name: kube-system with "
            + "podSelector k8s-app: kube-dns, in one peer) for port 53 with protocol UDP and port 53 with protocol TCP";

    @Override
    public List<Finding> check(LintContext ctx) {
        PolicyEngine e = ctx.engine();
        Map<String, List<PodInfo>> byProblem = new LinkedHashMap<>();
        Map<String, PolicyId> policyOf = new LinkedHashMap<>();
        for (PodInfo p : ctx.workloadPods()) {
            List<PolicyId> isolating = e.isolating(p, Direction.EGRESS);
            if (isolating.isEmpty()) {
                continue;
            }
            boolean udp = ctx.dnsPods().stream().anyMatch(d -> e.allows(p, d, 53, Protocol.UDP));
            boolean tcp = ctx.dnsPods().stream().anyMatch(d -> e.allows(p, d, 53, Protocol.TCP));
            String kind = udp && tcp ? null : !udp && !tcp ? BLOCKED : udp ? TCP_MISSING : portWithoutProtocol(ctx, isolating) ? NO_PROTOCOL : UDP_MISSING;
            if (kind != null) {
                String key = kind + "|" + isolating.get(0);
                byProblem.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
                policyOf.put(key, isolating.get(0));
            }
        }
        List<Finding> out = new ArrayList<>();
        byProblem.forEach((key, pods) -> {
            String kind = key.substring(0, key.indexOf('|'));
            String who = pods.stream().map(PodInfo::id).collect(Collectors.joining(", "));
            out.add(switch (kind) {
                case BLOCKED -> new Finding(BLOCKED, Severity.WARNING, policyOf.get(key), "spec.egress",
                        who + (pods.size() == 1 ? " is" : " are") + " isolated for egress with no way to the cluster DNS: every name lookup fails "
                                + "(\"Could not resolve host\") before a connection is even tried.", FIX + ", unless the task wants names to fail.");
                case TCP_MISSING -> new Finding(TCP_MISSING, Severity.WARNING, policyOf.get(key), "spec.egress",
                        "DNS is allowed on UDP 53 only for " + who + ": lookups whose answers do not fit UDP retry over TCP and time out.",
                        "add port 53 with protocol TCP next to the UDP entry.");
                case NO_PROTOCOL -> new Finding(NO_PROTOCOL, Severity.WARNING, policyOf.get(key), "spec.egress",
                        "port 53 is listed without protocol, which means TCP; " + who + " cannot send DNS queries, which go over UDP.",
                        "add protocol: UDP (and keep a TCP 53 entry).");
                default -> new Finding(UDP_MISSING, Severity.WARNING, policyOf.get(key), "spec.egress",
                        "DNS is allowed on TCP 53 only for " + who + ": resolvers ask over UDP first, so lookups time out.",
                        "add port 53 with protocol UDP.");
            });
        });
        return out;
    }

    /** Some rule of these policies names port 53 without a protocol. */
    private static boolean portWithoutProtocol(LintContext ctx, List<PolicyId> policies) {
        return ctx.policies().stream().filter(np -> policies.contains(LintContext.id(np)))
                .flatMap(np -> PolicyRules.of(np).stream()).filter(r -> r.direction() == Direction.EGRESS)
                .flatMap(r -> r.ports().stream())
                .anyMatch(p -> p.getProtocol() == null && p.getPort() != null && Integer.valueOf(53).equals(p.getPort().getIntVal()));
    }
}
