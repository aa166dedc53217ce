package dev.netpollab.policy;

import java.util.Locale;
import java.util.Optional;

/** The L4 protocols a NetworkPolicyPort may name. */
public enum Protocol {
    TCP, UDP, SCTP;

    /**
     * "protocol represents the protocol (TCP, UDP, or SCTP) which traffic must match. If not specified,
     * this field defaults to TCP." (NetworkPolicyPort.protocol)
     */
    public static Protocol orDefault(String value) {
        return value == null ? TCP : parse(value).orElseThrow(
                () -> new IllegalArgumentException("unsupported protocol " + value));
    }

    /** Exact, case-sensitive match as the API server does; {@code tcp} is not a protocol. */
    public static Optional<Protocol> parse(String value) {
        for (Protocol p : values()) {
            if (p.name().equals(value)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Lenient parse for command lines, where learners type {@code 53/udp}. */
    public static Optional<Protocol> parseLenient(String value) {
        return value == null ? Optional.empty() : parse(value.toUpperCase(Locale.ROOT));
    }
}
