package dev.netpollab.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A pod as the engine sees it: where it lives, its labels, its IP if known and its declared ports. */
public record PodInfo(String namespace, String name, Map<String, String> labels, String ip,
                      List<ContainerPortInfo> ports) implements Endpoint {
    public PodInfo {
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels == null ? Map.of() : labels));
        ports = List.copyOf(ports == null ? List.of() : ports);
    }

    /** The engine's view of a pod spec: every container's declared ports (protocol TCP unless given). */
    public static PodInfo of(String namespace, String name, Map<String, String> labels, String ip,
                             io.fabric8.kubernetes.api.model.PodSpec spec) {
        List<ContainerPortInfo> ports = new java.util.ArrayList<>();
        if (spec != null && spec.getContainers() != null) {
            for (var c : spec.getContainers()) {
                if (c.getPorts() == null) {
                    continue;
                }
                for (var p : c.getPorts()) {
                    if (p.getContainerPort() != null) {
                        ports.add(new ContainerPortInfo(p.getName(), p.getContainerPort(),
                                Protocol.parse(p.getProtocol() == null ? "TCP" : p.getProtocol()).orElse(Protocol.TCP)));
                    }
                }
            }
        }
        return new PodInfo(namespace, name, labels, ip, ports);
    }

    @Override
    public String id() {
        return namespace + "/" + name;
    }

    /** The container port with this name and protocol, used to resolve named policy ports. */
    public Optional<ContainerPortInfo> namedPort(String portName, Protocol protocol) {
        for (ContainerPortInfo p : ports) {
            if (portName.equals(p.name()) && p.protocol() == protocol) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public PodInfo withIp(String newIp) {
        return new PodInfo(namespace, name, labels, newIp, ports);
    }

    @Override
    public String toString() {
        return id();
    }
}
