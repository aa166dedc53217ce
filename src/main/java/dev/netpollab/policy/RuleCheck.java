package dev.netpollab.policy;

import java.util.List;

/**
 * How one rule of an isolating policy judged a connection.
 *
 * @param peerMatched  the connection's other end is one of the rule's peers (or the rule has no peer list)
 * @param matchedPeer  index of the peer that matched, -1 when the rule has no peer list or none matched
 * @param peerMisses   for each peer that did not match, the clause that failed
 * @param portMatched  the port and protocol are among the rule's ports (or the rule has no port list)
 * @param portsWanted  the rule's ports as text, e.g. {@code 80/TCP, http/TCP}; empty for "all ports"
 * @param portDetail   how a named port resolved on the destination pod, or why it did not
 * @param cniDependent an ipBlock was evaluated against a pod IP: CNIs may see a rewritten address
 */
public record RuleCheck(RuleRef rule, boolean peerMatched, int matchedPeer, List<PeerMiss> peerMisses,
                        boolean portMatched, String portsWanted, String portDetail, boolean cniDependent) {
    public RuleCheck {
        peerMisses = List.copyOf(peerMisses);
    }

    public boolean matched() {
        return peerMatched && portMatched;
    }
}
