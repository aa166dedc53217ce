package dev.netpollab.grade;

import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.policy.Cidr;
import dev.netpollab.policy.Endpoint;
import dev.netpollab.policy.ExternalInfo;
import dev.netpollab.policy.PodInfo;
import dev.netpollab.policy.PolicyEngine;
import dev.netpollab.policy.Protocol;
import dev.netpollab.policy.Topology;
import dev.netpollab.scenario.WorldExternal;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A world's full who-can-reach-whom matrix, to tell whether a mutant of the solution is wrong: from every pod
 * to every other pod and external, on every port the world serves or a policy names (in TCP and UDP), plus one
 * port nothing names. Addresses an {@code ipBlock} draws a line at (just inside, just outside, inside an
 * {@code except}) are added as endpoints too, so a widened block shows even where the world has no endpoint
 * there; those endpoints serve nothing, like the unnamed port. The cells are laid out once per world and each
 * set of policies gives one verdict per cell.
 */
final class ReachMatrix {
    /** One connection of the matrix. {@code decoy} is an address no endpoint of the world has. */
    record Cell(PodInfo src, Endpoint dst, int port, Protocol protocol, boolean served, boolean decoy) {
        String text() {
            return src.id() + " -> " + dst.id() + ":" + port + "/" + protocol;
        }
    }

    private final Topology topology;
    private final List<Cell> cells;
    private final int unnamedPort;

    private ReachMatrix(Topology topology, List<Cell> cells, int unnamedPort) {
        this.topology = topology;
        this.cells = List.copyOf(cells);
        this.unnamedPort = unnamedPort;
    }

    /** The cells for a world and every set of policies that will be compared on it. */
    static ReachMatrix of(ClusterSnapshot snapshot, List<List<NetworkPolicy>> policySets) {
        Topology world = snapshot.topology();
        Set<Integer> ports = new TreeSet<>();
        List<int[]> ranges = new ArrayList<>();
        boolean sctp = false;
        Map<String, ExternalInfo> decoys = new LinkedHashMap<>();
        Set<String> taken = new java.util.HashSet<>();
        world.pods().forEach(p -> taken.add(p.ip()));
        world.externals().forEach(e -> taken.add(e.ip()));
        for (PodInfo p : world.pods()) {
            for (var cp : p.ports()) {
                ports.add(cp.port());
                sctp |= cp.protocol() == Protocol.SCTP;
            }
        }
        for (WorldExternal e : snapshot.externals()) {
            ports.addAll(e.ports());
        }
        for (List<NetworkPolicy> set : policySets) {
            for (NetworkPolicy np : set) {
                for (Object rule : RuleParts.rules(np)) {
                    for (NetworkPolicyPort port : RuleParts.ports(rule)) {
                        sctp |= "SCTP".equals(port.getProtocol());
                        if (port.getPort() != null && port.getPort().getIntVal() != null) {
                            int from = port.getPort().getIntVal();
                            ports.add(from);
                            if (port.getEndPort() != null) {
                                ports.add(port.getEndPort());
                                ranges.add(new int[]{from, port.getEndPort()});
                            }
                        }
                    }
                    for (NetworkPolicyPeer peer : RuleParts.peers(rule)) {
                        if (peer.getIpBlock() != null) {
                            decoyAddresses(peer.getIpBlock()).stream().filter(a -> !taken.contains(a))
                                    .forEach(a -> decoys.putIfAbsent(a, new ExternalInfo("decoy-" + a.replace('.', '-').replace(':', '-'), a)));
                        }
                    }
                }
            }
        }
        int unnamed = unnamed(ports, ranges);
        ports.add(unnamed);
        List<ExternalInfo> externals = new ArrayList<>(world.externals());
        externals.addAll(decoys.values());
        Topology topology = new Topology(world.namespaces(), world.pods(), externals);
        List<Protocol> protocols = sctp ? List.of(Protocol.TCP, Protocol.UDP, Protocol.SCTP) : List.of(Protocol.TCP, Protocol.UDP);
        List<Cell> cells = new ArrayList<>();
        for (PodInfo src : topology.pods()) {
            List<Endpoint> dsts = new ArrayList<>();
            topology.pods().stream().filter(p -> !p.id().equals(src.id())).forEach(dsts::add);
            dsts.addAll(externals);
            for (Endpoint dst : dsts) {
                boolean decoy = decoys.containsValue(dst);
                for (int port : ports) {
                    for (Protocol proto : protocols) {
                        cells.add(new Cell(src, dst, port, proto, !decoy && serves(snapshot, dst, port, proto), decoy));
                    }
                }
            }
        }
        return new ReachMatrix(topology, cells, unnamed);
    }

    List<Cell> cells() {
        return cells;
    }

    int unnamedPort() {
        return unnamedPort;
    }

    /** One verdict per cell under these policies. */
    boolean[] verdicts(List<NetworkPolicy> policies) {
        PolicyEngine engine = PolicyEngine.compile(topology, policies);
        boolean[] out = new boolean[cells.size()];
        for (int i = 0; i < out.length; i++) {
            Cell c = cells.get(i);
            out[i] = engine.allows(c.src(), c.dst(), c.port(), c.protocol());
        }
        return out;
    }

    /** The indexes of the cells where two verdict sets differ. */
    static List<Integer> differences(boolean[] a, boolean[] b) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                out.add(i);
            }
        }
        return out;
    }

    private static boolean serves(ClusterSnapshot snapshot, Endpoint dst, int port, Protocol proto) {
        if (dst instanceof PodInfo p) {
            return p.ports().stream().anyMatch(cp -> cp.port() == port && cp.protocol() == proto);
        }
        // An endpoint outside the cluster answers HTTP on its TCP ports.
        return proto == Protocol.TCP && snapshot.externals().stream().anyMatch(e -> e.ip().equals(dst.ip()) && e.ports().contains(port));
    }

    /** A port no pod serves and no policy names, for showing what a rule without ports lets through. */
    private static int unnamed(Set<Integer> ports, List<int[]> ranges) {
        for (int p = 9999; p > 1024; p--) {
            final int c = p;
            if (!ports.contains(p) && ranges.stream().noneMatch(r -> c >= r[0] && c <= r[1])) {
                return p;
            }
        }
        throw new IllegalStateException("no free port");
    }

    /** Where an ipBlock draws its lines: its first address, the first one just outside it, and each except's. */
    private static List<String> decoyAddresses(IPBlock block) {
        List<String> out = new ArrayList<>();
        Cidr.parse(block.getCidr()).ifPresent(c -> {
            out.add(Mutator.address(c.network()));
            if (c.prefixLength() > 0) {
                byte[] outside = Arrays.copyOf(c.network(), c.network().length);
                int bit = c.prefixLength() - 1;
                outside[bit / 8] ^= (byte) (0x80 >> (bit % 8));
                out.add(Mutator.address(outside));
            }
        });
        if (block.getExcept() != null) {
            block.getExcept().forEach(e -> Cidr.parse(e).ifPresent(c -> out.add(Mutator.address(c.network()))));
        }
        return out;
    }
}
