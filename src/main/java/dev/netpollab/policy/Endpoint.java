package dev.netpollab.policy;

/** Either end of a connection: a pod in the cluster or an endpoint outside it. */
public sealed interface Endpoint permits PodInfo, ExternalInfo {
    /** {@code ns/name} for pods, {@code ext:name} for externals. */
    String id();

    /** The IP address, or null when not known (a pod described by a manifest only). */
    String ip();
}
