package dev.netpollab.probe;

import java.util.Locale;

/**
 * What a probe observed. {@code BLOCKED}: the connection was dropped (timed out). {@code REFUSED}: the
 * packet got through and was rejected (nothing listening, or a CNI that rejects denied traffic).
 * {@code DNS_FAILED}: the Service name could not be resolved. {@code ERROR}: the probe itself failed
 * (pod missing or not ready, exec failed); never proof of isolation.
 */
public enum Outcome {
    ALLOWED, BLOCKED, DNS_FAILED, REFUSED, ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
