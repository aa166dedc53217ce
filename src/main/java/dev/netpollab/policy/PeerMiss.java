package dev.netpollab.policy;

/**
 * Why one peer of a rule did not match.
 *
 * @param peerIndex index in the rule's {@code from}/{@code to} list
 * @param wanted    what the peer asks for (selector text, namespace, CIDR)
 * @param actual    what the connection's other end has: its labels, or its namespace's labels ("a=b, c=d", empty when none),
 *                  its namespace, or its IP
 */
public record PeerMiss(int peerIndex, PeerClause clause, String wanted, String actual) {
}
