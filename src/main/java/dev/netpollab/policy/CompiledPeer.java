package dev.netpollab.policy;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** One element of a rule's {@code from} or {@code to} list, with the pods it matches resolved once. */
final class CompiledPeer {
    final int index;
    final LabelSelectorMatcher podSelector;       // null when absent
    final LabelSelectorMatcher namespaceSelector; // null when absent
    final IpBlockMatcher ipBlock;                 // null when absent
    final BitSet pods;
    final String policyNamespace;

    CompiledPeer(int index, NetworkPolicyPeer peer, String policyNamespace, Topology topology) {
        this.index = index;
        this.policyNamespace = policyNamespace;
        this.podSelector = peer.getPodSelector() == null ? null : LabelSelectorMatcher.of(peer.getPodSelector());
        this.namespaceSelector = peer.getNamespaceSelector() == null ? null : LabelSelectorMatcher.of(peer.getNamespaceSelector());
        this.ipBlock = peer.getIpBlock() == null ? null : IpBlockMatcher.of(peer.getIpBlock());
        this.pods = new BitSet();
        List<PodInfo> all = topology.pods();
        java.util.Map<String, Boolean> namespaceMatches = new java.util.HashMap<>();
        for (int i = 0; i < all.size(); i++) {
            if (matches(all.get(i), topology.address(i), topology, namespaceMatches)) {
                pods.set(i);
            }
        }
    }

    /** The same decision as {@link #miss}, without building explanations: run once per pod at compile time. */
    private boolean matches(PodInfo pod, byte[] address, Topology topology, java.util.Map<String, Boolean> namespaceMatches) {
        if (ipBlock != null) {
            return address != null && ipBlock.contains(address);
        }
        boolean nsOk = namespaceSelector == null ? pod.namespace().equals(policyNamespace)
                : namespaceMatches.computeIfAbsent(pod.namespace(), n -> namespaceSelector.matches(topology.namespace(n).labels()));
        return nsOk && (podSelector == null || podSelector.matches(pod.labels()));
    }

    /**
     * Whether this peer matches an endpoint outside the cluster: "ipBlock defines policy on a particular
     * IPBlock"; selectors select pods only.
     */
    boolean matchesExternal(ExternalInfo ext) {
        return ipBlock != null && ext.ip() != null && ipBlock.contains(ext.ip());
    }

    /** Empty when the peer matches the pod, else the first clause that failed. */
    Optional<PeerMiss> miss(PodInfo pod, Topology topology) {
        if (ipBlock != null) {
            // The API reference leaves open whether pod IPs are seen before or after rewriting: "Cluster ingress
            // and egress mechanisms often require rewriting the source or destination IP of packets ... it is not
            // defined whether this happens before or after NetworkPolicy processing". We compare the pod IP.
            if (pod.ip() == null) {
                return Optional.of(new PeerMiss(index, PeerClause.IP_UNKNOWN, ipBlock.toString(), "no known IP"));
            }
            if (ipBlock.contains(pod.ip())) {
                return Optional.empty();
            }
            return Optional.of(ipBlock.excludedBy(pod.ip())
                    .map(ex -> new PeerMiss(index, PeerClause.IP_BLOCK_EXCEPT, ipBlock.toString(), pod.ip() + " is in except " + ex))
                    .orElseGet(() -> new PeerMiss(index, PeerClause.IP_BLOCK, ipBlock.toString(), pod.ip())));
        }
        NamespaceInfo ns = topology.namespace(pod.namespace());
        if (namespaceSelector == null) {
            // "Otherwise it selects the pods matching podSelector in the policy's own namespace." (NetworkPolicyPeer.podSelector)
            if (!pod.namespace().equals(policyNamespace)) {
                return Optional.of(new PeerMiss(index, PeerClause.POLICY_NAMESPACE, policyNamespace, pod.namespace()));
            }
        } else if (!namespaceSelector.matches(ns.labels())) {
            // "namespaceSelector selects namespaces using cluster-scoped labels ... if present but empty, it selects
            // all namespaces." (NetworkPolicyPeer.namespaceSelector)
            return Optional.of(new PeerMiss(index, PeerClause.NAMESPACE_SELECTOR, namespaceSelector.toString(), labelText(ns.labels())));
        }
        // "If namespaceSelector is also set, then the NetworkPolicyPeer as a whole selects the pods matching
        // podSelector in the Namespaces selected by NamespaceSelector. Otherwise it selects all pods in the
        // namespaces selected by namespaceSelector." (NetworkPolicyPeer.podSelector / namespaceSelector)
        if (podSelector != null && !podSelector.matches(pod.labels())) {
            return Optional.of(new PeerMiss(index, PeerClause.POD_SELECTOR, podSelector.toString(), labelText(pod.labels())));
        }
        return Optional.empty();
    }

    PeerMiss missExternal(ExternalInfo ext) {
        if (ipBlock == null) {
            return new PeerMiss(index, PeerClause.NOT_A_POD, describe(), ext.id() + " (" + ext.ip() + ")");
        }
        return ipBlock.excludedBy(ext.ip())
                .map(ex -> new PeerMiss(index, PeerClause.IP_BLOCK_EXCEPT, ipBlock.toString(), ext.ip() + " is in except " + ex))
                .orElseGet(() -> new PeerMiss(index, PeerClause.IP_BLOCK, ipBlock.toString(), ext.ip()));
    }

    String describe() {
        if (ipBlock != null) {
            return "ipBlock " + ipBlock;
        }
        String pods = podSelector == null ? "all pods" : podSelector.isEmpty() ? "all pods" : "pods with " + podSelector;
        if (namespaceSelector == null) {
            return pods + " in namespace " + policyNamespace;
        }
        return pods + " in " + (namespaceSelector.isEmpty() ? "all namespaces" : "namespaces with " + namespaceSelector);
    }

    /** "app=web, tier=front" in key order; empty when there are none. */
    static String labelText(Map<String, String> labels) {
        return new java.util.TreeMap<>(labels).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
