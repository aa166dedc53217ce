package dev.netpollab.policy.lint;

import java.util.List;

/** One habit the exam punishes, detected. */
public interface LintCheck {
    List<Finding> check(LintContext ctx);
}
