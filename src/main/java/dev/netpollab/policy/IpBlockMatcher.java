package dev.netpollab.policy;

import java.util.List;
import java.util.Optional;

/**
 * An ipBlock peer: "IPBlock describes a particular CIDR ... that is allowed to the pods matched by a
 * NetworkPolicySpec's podSelector. The except entry describes CIDRs that should not be included within
 * this rule." (IPBlock, API reference)
 */
public record IpBlockMatcher(Cidr cidr, List<Cidr> except) {

    public static IpBlockMatcher of(io.fabric8.kubernetes.api.model.networking.v1.IPBlock block) {
        Cidr c = Cidr.parse(block.getCidr()).orElseThrow(() -> new IllegalArgumentException("invalid cidr " + block.getCidr()));
        List<Cidr> ex = block.getExcept() == null ? List.of()
                : block.getExcept().stream().map(e -> Cidr.parse(e).orElseThrow(() -> new IllegalArgumentException("invalid cidr " + e))).toList();
        return new IpBlockMatcher(c, ex);
    }

    /** Whether the address is inside the CIDR and outside every except entry. */
    public boolean contains(String ip) {
        Optional<byte[]> addr = Cidr.parseAddress(ip);
        return addr.isPresent() && contains(addr.get());
    }

    public boolean contains(byte[] addr) {
        if (!cidr.contains(addr)) {
            return false;
        }
        for (Cidr e : except) {
            if (e.contains(addr)) {
                return false;
            }
        }
        return true;
    }

    /** The except entry that excludes this address, if any (for explanations). */
    public Optional<Cidr> excludedBy(String ip) {
        Optional<byte[]> addr = Cidr.parseAddress(ip);
        if (addr.isEmpty() || !cidr.contains(addr.get())) {
            return Optional.empty();
        }
        return except.stream().filter(e -> e.contains(addr.get())).findFirst();
    }

    @Override
    public String toString() {
        return except.isEmpty() ? cidr.toString()
                : cidr + " except " + String.join(", ", except.stream().map(Cidr::toString).toList());
    }
}
