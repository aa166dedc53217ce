package dev.netpollab.policy.lint;

import dev.netpollab.policy.Cidr;
import dev.netpollab.policy.IpBlockMatcher;
import dev.netpollab.policy.PodInfo;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Check 9: ipBlocks that cover pod IPs (CNI-dependent), and excepts that leave nothing. */
final class IpBlockChecks {
    private IpBlockChecks() {
    }

    /** Check 9a: an ipBlock whose range holds cluster pod IPs; "These should be cluster-external IPs". */
    static final class CoversPodIps implements LintCheck {
        static final String ID = "ipblock-covers-pods";

        @Override
        public List<Finding> check(LintContext ctx) {
            List<Finding> out = new ArrayList<>();
            for (PolicyRules.Peer peer : PolicyRules.peers(ctx.policies())) {
                IPBlock b = peer.peer().getIpBlock();
                Optional<Cidr> c = b == null ? Optional.empty() : Cidr.parse(b.getCidr());
                if (c.isEmpty() || c.get().prefixLength() == 0) {
                    continue;
                }
                IpBlockMatcher m = IpBlockMatcher.of(b);
                List<String> covered = ctx.workloadPods().stream().filter(p -> p.ip() != null && m.contains(p.ip())).map(PodInfo::id).toList();
                if (!covered.isEmpty()) {
                    out.add(new Finding(ID, Severity.INFO, LintContext.id(peer.policy()), peer.path() + ".ipBlock",
                            b.getCidr() + " holds the IPs of pods " + String.join(", ", covered.stream().limit(5).toList())
                                    + (covered.size() > 5 ? ", ..." : "") + "; whether an ipBlock applies to pod traffic depends on the CNI, "
                                    + "and pod IPs change when pods are recreated.",
                            "select pods with podSelector/namespaceSelector; keep ipBlock for addresses outside the cluster."));
                }
            }
            return out;
        }
    }

    /** Check 9b: except entries that together cover the whole cidr, so the peer matches no address. */
    static final class ExceptCoversAll implements LintCheck {
        static final String ID = "ipblock-except-covers-all";

        @Override
        public List<Finding> check(LintContext ctx) {
            List<Finding> out = new ArrayList<>();
            for (PolicyRules.Peer peer : PolicyRules.peers(ctx.policies())) {
                IPBlock b = peer.peer().getIpBlock();
                if (b == null || b.getExcept() == null || b.getExcept().isEmpty()) {
                    continue;
                }
                Optional<Cidr> c = Cidr.parse(b.getCidr());
                List<Cidr> ex = b.getExcept().stream().map(Cidr::parse).flatMap(Optional::stream).toList();
                if (c.isPresent() && covers(c.get(), ex)) {
                    out.add(new Finding(ID, Severity.WARNING, LintContext.id(peer.policy()), peer.path() + ".ipBlock.except",
                            "the except entries cover all of " + b.getCidr() + ", so this peer matches no address.",
                            "widen cidr or remove except entries."));
                }
            }
            return out;
        }

        /** Whether the union of the excepts (each inside cidr) is the whole cidr. */
        static boolean covers(Cidr cidr, List<Cidr> excepts) {
            BigInteger start = first(cidr);
            BigInteger end = last(cidr);
            List<Cidr> sorted = new ArrayList<>(excepts);
            sorted.sort(Comparator.comparing(IpBlockChecks::first));
            BigInteger next = start;
            for (Cidr e : sorted) {
                if (first(e).compareTo(next) > 0) {
                    return false;
                }
                BigInteger after = last(e).add(BigInteger.ONE);
                if (after.compareTo(next) > 0) {
                    next = after;
                }
            }
            return next.compareTo(end) > 0;
        }
    }

    static BigInteger first(Cidr c) {
        return new BigInteger(1, c.network());
    }

    static BigInteger last(Cidr c) {
        int bits = c.network().length * 8;
        return first(c).add(BigInteger.ONE.shiftLeft(bits - c.prefixLength()).subtract(BigInteger.ONE));
    }
}
