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

    /** One phrase for banners and reports, e.g. "computed by the policy engine". */
    String describe();
}
