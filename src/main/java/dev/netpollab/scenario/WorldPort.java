package dev.netpollab.scenario;

import dev.netpollab.policy.Protocol;

/** A port a world pod serves; {@code name} may be null. */
public record WorldPort(int port, String name, Protocol protocol) {
    @Override
    public String toString() {
        return port + "/" + protocol + (name == null ? "" : " (" + name + ")");
    }
}
