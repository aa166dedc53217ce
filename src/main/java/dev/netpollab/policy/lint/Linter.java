package dev.netpollab.policy.lint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The coach: every check, run over a set of policies and the pods they are about. Pure, like the engine:
 * it reads the learner's YAML and says which habit a wrong cell comes from, before a probe is sent.
 */
public final class Linter {
    private static final List<LintCheck> CHECKS = List.of(
            new DnsEgressCheck(),
            new PolicyTypesChecks.EgressWithoutPolicyTypes(),
            new PolicyTypesChecks.RulesIgnored(),
            new PeerChecks.OrLooksLikeAnd(),
            new PeerChecks.NamespaceSelectorMatchesNothing(),
            new PeerChecks.PodSelectorMatchesNothing(),
            new PolicyNamespaceCheck(),
            new AllowAllCheck(),
            new PortChecks.NamedPortUnknown(),
            new PortChecks.ServicePortUsed(),
            new IpBlockChecks.CoversPodIps(),
            new IpBlockChecks.ExceptCoversAll(),
            new PortsWithoutPeersCheck());

    /** Every check id, for docs and for {@code acceptLint}. */
    public static final List<String> IDS = List.of(DnsEgressCheck.BLOCKED, DnsEgressCheck.TCP_MISSING, DnsEgressCheck.UDP_MISSING,
            DnsEgressCheck.NO_PROTOCOL, PolicyTypesChecks.EgressWithoutPolicyTypes.ID, PolicyTypesChecks.RulesIgnored.ID,
            PeerChecks.OrLooksLikeAnd.ID, PeerChecks.NamespaceSelectorMatchesNothing.ID, PeerChecks.PodSelectorMatchesNothing.ID,
            PolicyNamespaceCheck.ID, AllowAllCheck.ID, PortChecks.NamedPortUnknown.ID, PortChecks.ServicePortUsed.ID,
            IpBlockChecks.CoversPodIps.ID, IpBlockChecks.ExceptCoversAll.ID, PortsWithoutPeersCheck.ID);

    private Linter() {
    }

    /** Findings, errors first, then by policy and path. */
    public static List<Finding> lint(LintContext ctx) {
        List<Finding> out = new ArrayList<>();
        for (LintCheck c : CHECKS) {
            out.addAll(c.check(ctx));
        }
        out.sort(Comparator.comparing(Finding::severity)
                .thenComparing(f -> f.policy() == null ? "" : f.policy().toString())
                .thenComparing(f -> f.path() == null ? "" : f.path()));
        return out;
    }

    /** "1 error, 2 warnings" — or empty when there is nothing at warning level or above. */
    public static String summary(List<Finding> findings) {
        long errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
        long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        List<String> parts = new ArrayList<>();
        if (errors > 0) {
            parts.add(errors + (errors == 1 ? " error" : " errors"));
        }
        if (warnings > 0) {
            parts.add(warnings + (warnings == 1 ? " warning" : " warnings"));
        }
        return String.join(", ", parts);
    }
}
