package dev.netpollab.scenario;

import dev.netpollab.policy.Protocol;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A pod of the world; it serves HTTP on its TCP ports and echoes on its UDP ports. */
public record WorldPod(String namespace, String name, Map<String, String> labels, List<WorldPort> ports) {
    public WorldPod {
        labels = Map.copyOf(labels);
        ports = List.copyOf(ports);
    }

    public String id() {
        return namespace + "/" + name;
    }

    public boolean serves(int port, Protocol protocol) {
        return ports.stream().anyMatch(p -> p.port() == port && p.protocol() == protocol);
    }

    public Optional<WorldPort> named(String portName) {
        return ports.stream().filter(p -> portName.equals(p.name())).findFirst();
    }
}
