package dev.netpollab.scenario;

/** A coach finding the reference solution keeps on purpose, with the author's reason. */
public record AcceptedLint(String id, String reason) {
}
