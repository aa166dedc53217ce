package dev.netpollab.policy;

/** The part of a {@code from}/{@code to} peer that did not match. */
public enum PeerClause {
    /** podSelector did not match the pod's labels. */
    POD_SELECTOR,
    /** A podSelector without namespaceSelector only selects pods in the policy's own namespace. */
    POLICY_NAMESPACE,
    /** namespaceSelector did not match the pod's namespace labels. */
    NAMESPACE_SELECTOR,
    /** The IP is outside the ipBlock's cidr. */
    IP_BLOCK,
    /** The IP is inside the cidr but inside one of its except entries. */
    IP_BLOCK_EXCEPT,
    /** The pod's IP is not known (a manifest without status), so an ipBlock cannot be decided. */
    IP_UNKNOWN,
    /** Pod and namespace selectors only select pods; the peer is outside the cluster. */
    NOT_A_POD
}
