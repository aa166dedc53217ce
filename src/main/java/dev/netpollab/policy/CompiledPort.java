package dev.netpollab.policy;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

import java.util.Optional;

/**
 * One entry of a rule's {@code ports}. "port represents the port on the given protocol. This can either
 * be a numerical or named port on a pod. If this field is not provided, this matches all port names and
 * numbers. If present, only traffic on the specified protocol AND port will be matched." (NetworkPolicyPort)
 */
record CompiledPort(Protocol protocol, Integer number, Integer endPort, String name) {

    static CompiledPort of(NetworkPolicyPort p) {
        Protocol protocol = Protocol.orDefault(p.getProtocol());
        if (p.getPort() == null) {
            return new CompiledPort(protocol, null, null, null);
        }
        if (p.getPort().getIntVal() != null) {
            return new CompiledPort(protocol, p.getPort().getIntVal(), p.getEndPort(), null);
        }
        return new CompiledPort(protocol, null, null, p.getPort().getStrVal());
    }

    /**
     * Named ports resolve against the destination pod's container ports, for ingress and for egress alike:
     * the name means "the port the receiving pod calls this". An endpoint outside the cluster has no names.
     */
    boolean matches(int port, Protocol proto, Endpoint dst) {
        if (proto != protocol) {
            return false;
        }
        if (name != null) {
            if (dst instanceof PodInfo pod) {
                for (ContainerPortInfo cp : pod.ports()) {
                    if (cp.port() == port && cp.protocol() == protocol && name.equals(cp.name())) {
                        return true;
                    }
                }
            }
            return false;
        }
        if (number == null) {
            return true;
        }
        // "endPort indicates that the range of ports from port to endPort if set, inclusive, should be allowed"
        return endPort == null ? port == number : port >= number && port <= endPort;
    }

    /** How the name resolved on this destination, for the trace. */
    Optional<String> resolution(Endpoint dst) {
        if (name == null) {
            return Optional.empty();
        }
        if (!(dst instanceof PodInfo pod)) {
            return Optional.of("named port " + name + " cannot match " + dst.id() + ", which is not a pod");
        }
        return Optional.of(pod.namedPort(name, protocol)
                .map(cp -> "named port " + name + "/" + protocol + " is " + cp.port() + " on " + pod.id())
                .orElse(pod.id() + " declares no " + protocol + " port named " + name));
    }

    @Override
    public String toString() {
        if (name != null) {
            return name + "/" + protocol;
        }
        if (number == null) {
            return "all " + protocol + " ports";
        }
        return (endPort == null ? String.valueOf(number) : number + "-" + endPort) + "/" + protocol;
    }
}
