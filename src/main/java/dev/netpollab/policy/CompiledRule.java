package dev.netpollab.policy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Collectors;

/** One ingress or egress rule with its peers and ports compiled. */
final class CompiledRule {
    final RuleRef ref;
    /** "If this field is empty or missing, this rule matches all sources" (and all destinations for egress). */
    final boolean allPeers;
    final List<CompiledPeer> peers;
    final BitSet peerPods;
    /** "If this field is empty or missing, this rule matches all ports" */
    final List<CompiledPort> ports;
    final boolean hasIpBlock;

    CompiledRule(RuleRef ref, List<CompiledPeer> peers, List<CompiledPort> ports) {
        this.ref = ref;
        this.allPeers = peers.isEmpty();
        this.peers = List.copyOf(peers);
        this.ports = List.copyOf(ports);
        this.peerPods = new BitSet();
        // "Items in this list are combined using a logical OR operation." (NetworkPolicyIngressRule.from)
        peers.forEach(p -> peerPods.or(p.pods));
        this.hasIpBlock = peers.stream().anyMatch(p -> p.ipBlock != null);
    }

    boolean peerMatches(Endpoint peer, int podIndex) {
        if (allPeers) {
            return true;
        }
        if (peer instanceof ExternalInfo ext) {
            for (CompiledPeer p : peers) {
                if (p.matchesExternal(ext)) {
                    return true;
                }
            }
            return false;
        }
        return podIndex >= 0 && peerPods.get(podIndex);
    }

    /** "Each item in this list is combined using a logical OR." (NetworkPolicyIngressRule.ports) */
    boolean portMatches(int port, Protocol protocol, Endpoint dst) {
        if (ports.isEmpty()) {
            return true;
        }
        for (CompiledPort p : ports) {
            if (p.matches(port, protocol, dst)) {
                return true;
            }
        }
        return false;
    }

    RuleCheck check(Endpoint peer, Endpoint dst, int port, Protocol protocol, Topology topology) {
        boolean peerMatched = allPeers;
        int matchedPeer = -1;
        List<PeerMiss> misses = new ArrayList<>();
        boolean cni = false;
        if (!allPeers) {
            for (CompiledPeer p : peers) {
                if (peer instanceof PodInfo pod) {
                    cni |= p.ipBlock != null && pod.ip() != null;
                    var miss = p.miss(pod, topology);
                    if (miss.isEmpty()) {
                        peerMatched = true;
                        matchedPeer = p.index;
                        break;
                    }
                    misses.add(miss.get());
                } else if (peer instanceof ExternalInfo ext) {
                    if (p.matchesExternal(ext)) {
                        peerMatched = true;
                        matchedPeer = p.index;
                        break;
                    }
                    misses.add(p.missExternal(ext));
                }
            }
        }
        boolean portMatched = portMatches(port, protocol, dst);
        String detail = ports.stream().map(p -> p.resolution(dst)).flatMap(java.util.Optional::stream)
                .collect(Collectors.joining("; "));
        String wanted = ports.stream().map(CompiledPort::toString).collect(Collectors.joining(", "));
        // Peers are compiled in list order, so a peer's index is its position.
        boolean decidedByIpBlock = matchedPeer >= 0 ? peer instanceof PodInfo && peers.get(matchedPeer).ipBlock != null : cni;
        return new RuleCheck(ref, peerMatched, matchedPeer, peerMatched ? List.of() : misses, portMatched, wanted, detail,
                decidedByIpBlock);
    }

    /** Human description of the peers, e.g. "pods with app=api in namespace shop". */
    String describePeers() {
        return allPeers ? "any peer" : peers.stream().map(CompiledPeer::describe).collect(Collectors.joining(" OR "));
    }
}
