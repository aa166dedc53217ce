package dev.netpollab.scenario;

import java.util.List;

/** An endpoint outside the cluster (a metadata server, an "internet" host) and the ports it serves. */
public record WorldExternal(String name, String ip, List<Integer> ports) {
    public WorldExternal {
        ports = List.copyOf(ports);
    }
}
