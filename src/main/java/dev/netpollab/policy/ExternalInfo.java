package dev.netpollab.policy;

/** An endpoint outside the cluster (a metadata server, an "internet" host); only ipBlocks can match it. */
public record ExternalInfo(String name, String ip) implements Endpoint {
    @Override
    public String id() {
        return "ext:" + name;
    }

    @Override
    public String toString() {
        return id();
    }
}
