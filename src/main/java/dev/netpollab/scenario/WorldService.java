package dev.netpollab.scenario;

import dev.netpollab.policy.Protocol;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A ClusterIP Service: a name in cluster DNS that forwards its ports to the selected pods' target ports. */
public record WorldService(String namespace, String name, Map<String, String> selector, List<Port> ports) {
    /**
     * @param targetPort a number or the name of a container port; defaults to {@code port}
     */
    public record Port(int port, String targetPort, Protocol protocol, String name) {
    }

    public WorldService {
        selector = Map.copyOf(selector);
        ports = List.copyOf(ports);
    }

    public String id() {
        return namespace + "/" + name;
    }

    public Optional<Port> port(int number, Protocol protocol) {
        return ports.stream().filter(p -> p.port() == number && p.protocol() == protocol).findFirst();
    }
}
