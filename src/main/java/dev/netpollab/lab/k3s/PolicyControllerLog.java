package dev.netpollab.lab.k3s;

import dev.netpollab.lab.LabException;
import dev.netpollab.lab.LabProgress;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * {@code --cni k3s}: k3s starts its built-in (kube-router) network policy controller only after the node is
 * up, so its log line can come after the container's wait strategy is satisfied. The log is polled; k3s's
 * own "Skipping network policy controller start" (ipset missing in the host kernel) fails at once with its
 * reason, since nothing would be enforced.
 */
final class PolicyControllerLog {
    static final String STARTED = "Starting network policy controller";
    static final String SKIPPED = "Skipping network policy controller start";
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private PolicyControllerLog() {
    }

    /** @param log the k3s container's log so far */
    static void await(Supplier<String> log, Duration timeout, Duration interval, LabProgress progress) {
        long deadline = System.nanoTime() + timeout.toNanos();
        progress.step("waiting for k3s's network policy controller", 0, 0);
        while (true) {
            String text = log.get();
            if (text.contains(STARTED)) {
                return;
            }
            int skipped = text.indexOf(SKIPPED);
            if (skipped >= 0) {
                String line = text.substring(skipped).lines().findFirst().orElse(SKIPPED).replaceAll("\"+$", "").strip();
                throw new LabException("k3s did not start its network policy controller (its log: \"" + line + "\"), so nothing would be "
                        + "enforced; use the Calico lab (the default), or a host kernel with ipset");
            }
            if (System.nanoTime() >= deadline) {
                throw new LabException("k3s's network policy controller did not start within " + timeout.toSeconds() + " s (no \"" + STARTED
                        + "\" in its log), so nothing would be enforced; see `docker logs` of the k3s container");
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while waiting for k3s's network policy controller");
            }
        }
    }
}
