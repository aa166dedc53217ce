package dev.netpollab.grade;

/**
 * One row of a grade: a probe cell (from {@code expect}) or an object check (from {@code checks}). A drill passes
 * when every row is met; exam credit sorts rows into targets and guards by how the broken state did.
 */
public sealed interface GradeRow permits CellResult, CheckResult {
    boolean pass();

    /** What the row asks, in one line: {@code shop/web -> shop/db:5432/TCP is blocked}, {@code NetworkPolicy shop/x exists}. */
    String label();
}
