package dev.netpollab.scenario;

import dev.netpollab.policy.Protocol;

/**
 * One line of {@code expect:}: traffic that must flow ({@code allowed: true}) or must be blocked.
 *
 * @param from       {@code ns/name}, or {@code ns/*} for every pod of the namespace (expanded when graded)
 * @param dnsBlocked an {@code allowed: false} to a Service also passes when the name cannot be resolved
 */
public record Expectation(int index, String from, Target to, int port, Protocol protocol, boolean allowed, boolean dnsBlocked) {
    public boolean fromPattern() {
        return from.endsWith("/*");
    }

    public String fromNamespace() {
        return from.substring(0, from.indexOf('/'));
    }

    /** {@code shop/frontend -> shop/db:5432/TCP}. */
    public String describe() {
        return from + " -> " + to.text() + ":" + port + "/" + protocol;
    }
}
