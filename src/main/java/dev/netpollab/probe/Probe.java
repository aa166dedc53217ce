package dev.netpollab.probe;

import dev.netpollab.policy.Protocol;
import dev.netpollab.scenario.Target;

/** One connection attempt: from a pod, to a pod, Service or external endpoint, on a port. */
public record Probe(String from, Target to, int port, Protocol protocol) {
    public String fromNamespace() {
        return from.substring(0, from.indexOf('/'));
    }

    public String fromName() {
        return from.substring(from.indexOf('/') + 1);
    }

    @Override
    public String toString() {
        return from + " -> " + to.text() + ":" + port + "/" + protocol;
    }
}
