package dev.netpollab.lab.k3s;

import dev.netpollab.lab.LabException;
import dev.netpollab.scenario.WorldExternal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Where a scenario's endpoints outside the cluster go on Docker: for each address the smallest subnet that
 * holds it, a gateway and the k3s node (a /29 unless the address sits on a block's edge), so that scenarios
 * whose addresses share a /24 never collide, and endpoints close together share one network. Before
 * anything is created, the subnets are checked against Docker's networks and the cluster's own ranges.
 */
final class ExternalSubnets {
    /** The largest block tried: a /16, beyond which an endpoint address is no longer "one host outside". */
    private static final int WIDEST = 16;
    private static final int NARROWEST = 29;

    /**
     * One Docker network to create.
     *
     * @param gateway Docker's gateway address (set explicitly, so it never takes an endpoint's address)
     * @param node    the k3s node's address on it
     */
    record Plan(String subnet, String gateway, String node, List<WorldExternal> endpoints) {
    }

    /** A network that exists already: Docker's, or the cluster's pod and Service ranges. */
    record Taken(String name, String subnet) {
    }

    private ExternalSubnets() {
    }

    /** @throws LabException for an address that is not IPv4 */
    static List<Plan> plan(List<WorldExternal> externals) {
        List<List<WorldExternal>> groups = new ArrayList<>();
        externals.forEach(e -> {
            address(e);
            groups.add(new ArrayList<>(List.of(e)));
        });
        // Endpoints whose blocks overlap share one network (Docker refuses overlapping subnets).
        boolean merged = true;
        while (merged) {
            merged = false;
            outer:
            for (int i = 0; i < groups.size(); i++) {
                for (int j = i + 1; j < groups.size(); j++) {
                    if (overlaps(block(groups.get(i)), block(groups.get(j)))) {
                        groups.get(i).addAll(groups.remove(j));
                        merged = true;
                        break outer;
                    }
                }
            }
        }
        List<Plan> out = new ArrayList<>();
        for (List<WorldExternal> g : groups) {
            long[] b = block(g);
            List<Long> used = g.stream().map(ExternalSubnets::address).toList();
            List<Long> free = new ArrayList<>();
            for (long a = b[0] + 1; a < b[0] + b[1] - 1 && free.size() < 2; a++) {
                if (!used.contains(a)) {
                    free.add(a);
                }
            }
            out.add(new Plan(text(b[0]) + "/" + prefix(b[1]), text(free.get(0)), text(free.get(1)), List.copyOf(g)));
        }
        out.sort(Comparator.comparing(Plan::subnet));
        return out;
    }

    /** The first clash of a planned subnet with one that exists, as a message that names both; empty when none. */
    static Optional<String> clash(List<Plan> plans, List<Taken> taken) {
        for (Plan p : plans) {
            for (Taken t : taken) {
                Optional<long[]> other = parse(t.subnet());
                if (other.isPresent() && overlaps(parse(p.subnet()).orElseThrow(), other.get())) {
                    String names = p.endpoints().stream().map(e -> "ext:" + e.name() + " (" + e.ip() + ")").reduce((a, c) -> a + ", " + c).orElse("");
                    return Optional.of(names + " needs the subnet " + p.subnet() + ", which overlaps " + t.name() + " (" + t.subnet()
                            + "); remove that network (`docker network rm`) or give the endpoint an address outside it");
                }
            }
        }
        return Optional.empty();
    }

    /** {@code [network, size]} of the smallest block holding the group with room for a gateway and the node. */
    private static long[] block(List<WorldExternal> group) {
        List<Long> addrs = group.stream().map(ExternalSubnets::address).toList();
        for (int p = NARROWEST; p >= WIDEST; p--) {
            long size = 1L << (32 - p);
            long net = addrs.get(0) & ~(size - 1) & 0xffffffffL;
            boolean fits = addrs.stream().allMatch(a -> (a & ~(size - 1) & 0xffffffffL) == net && a != net && a != net + size - 1);
            if (fits && size - 2 >= addrs.size() + 2) {
                return new long[]{net, size};
            }
        }
        throw new LabException("the endpoints " + group.stream().map(e -> e.name() + " (" + e.ip() + ")").toList()
                + " are too far apart to share one network; give them addresses within one /16");
    }

    private static boolean overlaps(long[] a, long[] b) {
        return a[0] < b[0] + b[1] && b[0] < a[0] + a[1];
    }

    private static long address(WorldExternal e) {
        return ipv4(e.ip()).orElseThrow(() -> new LabException("ext:" + e.name() + " has the address " + e.ip()
                + ", but the k3s lab places endpoints outside the cluster on IPv4 only"));
    }

    static Optional<Long> ipv4(String ip) {
        String[] parts = ip.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        long v = 0;
        for (String part : parts) {
            if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) {
                return Optional.empty();
            }
            v = v << 8 | Integer.parseInt(part);
        }
        return Optional.of(v);
    }

    /** {@code [network, size]} of an IPv4 CIDR; empty for IPv6 or garbage (Docker's IPv6 subnets cannot clash with ours). */
    static Optional<long[]> parse(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        Optional<Long> addr = ipv4(cidr.substring(0, slash));
        if (addr.isEmpty() || !cidr.substring(slash + 1).matches("\\d{1,2}") || Integer.parseInt(cidr.substring(slash + 1)) > 32) {
            return Optional.empty();
        }
        long size = 1L << (32 - Integer.parseInt(cidr.substring(slash + 1)));
        return Optional.of(new long[]{addr.get() & ~(size - 1) & 0xffffffffL, size});
    }

    private static int prefix(long size) {
        return 32 - Long.numberOfTrailingZeros(size);
    }

    private static String text(long a) {
        return (a >> 24 & 255) + "." + (a >> 16 & 255) + "." + (a >> 8 & 255) + "." + (a & 255);
    }
}
