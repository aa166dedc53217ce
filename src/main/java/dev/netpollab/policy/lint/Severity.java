package dev.netpollab.policy.lint;

/** How sure the coach is that a finding is a mistake. */
public enum Severity {
    /** The policy cannot do what it was written for (e.g. rules that are never enforced). */
    ERROR,
    /** Very likely a mistake; intentional only in rare tasks. */
    WARNING,
    /** Worth knowing: correct, but easy to misread, or CNI-dependent. */
    INFO;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
