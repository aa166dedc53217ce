package dev.netpollab.policy;

/** A connection attempt from one endpoint to a port of another. */
public record Connection(Endpoint src, Endpoint dst, int port, Protocol protocol) {
    @Override
    public String toString() {
        return src.id() + " -> " + dst.id() + ":" + port + "/" + protocol;
    }
}
