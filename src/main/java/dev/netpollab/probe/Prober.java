package dev.netpollab.probe;

import dev.netpollab.lab.ClusterSnapshot;

import java.util.List;

/** Sends (or computes) probes against a lab. */
public interface Prober {
    /**
     * @param snapshot the lab's objects as read back from its API, used to find IPs, Services and DNS pods
     * @return one observation per probe, in the order given
     */
    List<Observation> probe(ClusterSnapshot snapshot, List<Probe> probes);

    /** True when denied traffic is rejected (k3s's built-in controller) rather than dropped, so REFUSED means blocked. */
    default boolean rejectsDenied() {
        return false;
    }

    /** True for real packets; false when the engine computes the outcome. */
    default boolean real() {
        return false;
    }

    /**
     * Called once with the final observations of a grade. A real prober whose probes disagree with the
     * engine writes a diagnostics bundle and returns the line that says where it is.
     */
    default java.util.Optional<String> reportDisagreements(List<Observation> observed) {
        return java.util.Optional.empty();
    }

    /** One phrase for banners and reports, e.g. "computed by the policy engine". */
    String describe();
}
