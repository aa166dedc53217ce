package dev.netpollab.policy.lint;

import dev.netpollab.policy.PolicyId;

/**
 * One coach finding.
 *
 * @param policy  the policy it is about; null when it is about a namespace's pods as a whole
 * @param path    the field path, e.g. {@code spec.egress[0].to}
 * @param meaning one sentence of what it means for traffic
 * @param fix     what to change
 */
public record Finding(String id, Severity severity, PolicyId policy, String path, String meaning, String fix) {
    /** {@code warning dns-egress-blocked shop/web-egress spec.egress: ... Fix: ...}. */
    @Override
    public String toString() {
        return severity.label() + " " + id + " " + (policy == null ? "" : policy + " ") + (path == null || path.isEmpty() ? "" : path + ": ")
                + meaning + " Fix: " + fix;
    }
}
