package dev.netpollab.policy;

/** A port a pod's container declares; {@code name} may be null. */
public record ContainerPortInfo(String name, int port, Protocol protocol) {
    public ContainerPortInfo {
        protocol = protocol == null ? Protocol.TCP : protocol;
    }

    @Override
    public String toString() {
        return (name == null ? "" : name + "=") + port + "/" + protocol;
    }
}
