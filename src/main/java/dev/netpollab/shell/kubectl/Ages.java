package dev.netpollab.shell.kubectl;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.time.Duration;
import java.time.Instant;

/** kubectl's AGE column: 45s, 12m, 3h, 2d. */
final class Ages {
    private Ages() {
    }

    static String of(HasMetadata o, Instant now) {
        String ts = o.getMetadata().getCreationTimestamp();
        if (ts == null) {
            return "<unknown>";
        }
        long s = Math.max(0, Duration.between(Instant.parse(ts), now).getSeconds());
        if (s < 120) {
            return s + "s";
        }
        if (s < 3600 * 3) {
            return s / 60 + "m";
        }
        if (s < 86400 * 2) {
            return s / 3600 + "h";
        }
        return s / 86400 + "d";
    }
}
