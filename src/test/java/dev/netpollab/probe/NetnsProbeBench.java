package dev.netpollab.probe;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * make bench: the wall time of 50 real probes from 5 pods at once, half of them dropped, on the netns bed
 * (target: within the connect timeout + 1.5 s, since the prober runs them in parallel). Prints why it did not
 * measure where the bed cannot run (not root, no ip netns or tools).
 */
public final class NetnsProbeBench {
    private NetnsProbeBench() {
    }

    public static void main(String[] args) throws Exception {
        Optional<String> problem = NetnsAvailable.problem();
        if (problem.isPresent()) {
            System.out.println("not measured: " + problem.get());
            return;
        }
        Duration limit = CurlProber.CONNECT_TIMEOUT.plusMillis(1500);
        try (NetnsBed bed = NetnsBed.start(NetnsProbeTest.world(""))) {
            bed.drop("shop/db", dev.netpollab.policy.Protocol.TCP, 5432);
            CurlProber prober = new CurlProber(bed.exec(), false);
            List<Probe> probes = NetnsProbeTest.fiftyProbes();
            prober.probe(bed.snapshot(), probes.subList(0, 2)); // warm the page cache for curl and the shell
            for (int round = 1; round <= 3; round++) {
                long t0 = System.nanoTime();
                List<Observation> o = prober.probe(bed.snapshot(), probes);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                long allowed = o.stream().filter(x -> x.outcome() == Outcome.ALLOWED).count();
                double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
                System.out.printf(Locale.ROOT, "round %d: %d ms (limit %d ms), %d allowed / %d blocked, load average %.1f on %d cores%n", round, ms,
                        limit.toMillis(), allowed, o.size() - allowed, load, Runtime.getRuntime().availableProcessors());
            }
        }
    }
}
