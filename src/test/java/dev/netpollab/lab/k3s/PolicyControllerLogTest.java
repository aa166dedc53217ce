package dev.netpollab.lab.k3s;

import dev.netpollab.lab.LabException;
import dev.netpollab.lab.LabProgress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** --cni k3s: the policy controller's start is awaited in the log, not checked once right after the node is up. */
class PolicyControllerLogTest {
    private static final String UP = "time=\"2026-11-29T10:00:01Z\" level=info msg=\"k3s is up and running\"\n";

    @Test
    @DisplayName("the controller's line arriving after the node is up is waited for (the old one-shot check failed at random)")
    void waitsForALateStart() {
        AtomicInteger reads = new AtomicInteger();
        PolicyControllerLog.await(() -> reads.incrementAndGet() < 4 ? UP
                        : UP + "time=\"2026-11-29T10:00:05Z\" level=info msg=\"Starting network policy controller version v2.2.1\"\n",
                Duration.ofSeconds(5), Duration.ofMillis(10), LabProgress.NONE);
        assertThat(reads.get()).isEqualTo(4);
    }

    @Test
    @DisplayName("k3s saying it skipped the controller fails at once, with k3s's reason")
    void skippedFailsFast() {
        AtomicInteger reads = new AtomicInteger();
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> PolicyControllerLog.await(() -> {
            reads.incrementAndGet();
            return UP + "time=\"2026-11-29T10:00:02Z\" level=warning msg=\"Skipping network policy controller start, ipset unavailable: "
                    + "ipset v7.19: Kernel error received: ipset protocol error\"\nmore\n";
        }, Duration.ofSeconds(30), Duration.ofMillis(10), LabProgress.NONE)).isInstanceOf(LabException.class)
                .hasMessageContaining("Skipping network policy controller start, ipset unavailable: ipset v7.19")
                .hasMessageNotContaining("\"\"").hasMessageContaining("nothing would be enforced");
        assertThat(reads.get()).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    @DisplayName("no word either way within the timeout: a clear failure that says what was expected")
    void timesOut() {
        assertThatThrownBy(() -> PolicyControllerLog.await(() -> UP, Duration.ofMillis(100), Duration.ofMillis(10), LabProgress.NONE))
                .isInstanceOf(LabException.class).hasMessageContaining("did not start within 0 s (no \"Starting network policy controller\"");
    }
}
