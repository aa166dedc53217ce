package dev.netpollab.policy;

/**
 * Why one peer of a rule did not match.
 *
 * @param peerIndex index in the rule's {@code from}/{@code to} list
 * @param wanted    what the peer asks for (selector text, namespace, CIDR)
 * @param actual    what the connection's other end has (labels, namespace, IP)
 */
public record PeerMiss(int peerIndex, PeerClause clause, String wanted, String actual) {
}
