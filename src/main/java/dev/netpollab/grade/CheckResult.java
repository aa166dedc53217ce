package dev.netpollab.grade;

import dev.netpollab.scenario.PolicyCheck;

/**
 * An object check as graded.
 *
 * @param detail what was found when it failed ("found payments/dns-egress"); empty when it passed
 */
public record CheckResult(PolicyCheck check, boolean pass, String detail) implements GradeRow {
    @Override
    public String label() {
        return check.describe();
    }
}
