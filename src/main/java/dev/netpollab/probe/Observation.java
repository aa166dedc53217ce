package dev.netpollab.probe;

import dev.netpollab.policy.Verdict;

/**
 * A probe's result.
 *
 * @param detail    what happened in words, e.g. "curl exit 28 after 2.0 s" or "no DNS: egress to kube-dns UDP 53 is blocked"
 * @param predicted the engine's prediction for this probe (equal to {@code outcome} for computed probes)
 * @param verdict   the engine's trace of the deciding connection, or null when no connection was made
 */
public record Observation(Probe probe, Outcome outcome, String detail, Outcome predicted, Verdict verdict) {
    public boolean matchesPrediction() {
        return outcome == predicted;
    }
}
