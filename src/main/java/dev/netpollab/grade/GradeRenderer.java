package dev.netpollab.grade;

import java.util.ArrayList;
import java.util.List;

/** The result table a learner reads after {@code check}: one row per probe, then why each wrong cell is wrong. */
public final class GradeRenderer {
    private GradeRenderer() {
    }

    private static String pad(String mark, int width) {
        return mark + " ".repeat(Math.max(0, width - mark.length()));
    }

    public static List<String> render(Grade g, Colors c) {
        return render(g, c, List.of());
    }

    /** With coach findings: those that explain a wrong cell are shown under its reason. */
    public static List<String> render(Grade g, Colors c, List<dev.netpollab.policy.lint.Finding> findings) {
        List<String> out = new ArrayList<>();
        TextTable t = new TextTable("", "FROM", "TO", "EXPECTED", "OBSERVED");
        List<CellResult> cells = g.cells();
        List<GradeRow> wrong = new ArrayList<>();
        // One width for the marks of both tables, so that the probes and the checks line up.
        int markWidth = g.total() == g.met() ? 1 : ("✗ " + (g.total() - g.met())).length();
        for (CellResult cell : cells) {
            String observed = cell.observation().outcome().label();
            if (!cell.observation().matchesPrediction()) {
                observed += " (predicted " + cell.observation().predicted().label() + ")";
            }
            String mark = cell.pass() ? c.green(pad("✓", markWidth)) : c.red(pad("✗ " + (wrong.size() + 1), markWidth));
            if (!cell.pass()) {
                wrong.add(cell);
            }
            t.row(mark, cell.probe().from(), cell.probe().to().text() + ":" + cell.probe().port() + "/" + cell.probe().protocol(),
                    cell.expectedLabel(), cell.pass() ? observed : c.bold(observed));
        }
        out.addAll(t.lines());
        if (!g.checks().isEmpty()) {
            TextTable ct = new TextTable("", "OBJECT CHECK", "RESULT");
            for (CheckResult check : g.checks()) {
                String mark = check.pass() ? c.green(pad("✓", markWidth)) : c.red(pad("✗ " + (wrong.size() + 1), markWidth));
                if (!check.pass()) {
                    wrong.add(check);
                }
                ct.row(mark, check.label(), check.pass() ? "met" : c.bold("not met"));
            }
            out.add("");
            out.addAll(ct.lines());
        }
        if (!wrong.isEmpty()) {
            out.add("");
            for (int i = 0; i < wrong.size(); i++) {
                GradeRow row = wrong.get(i);
                if (row instanceof CellResult cell) {
                    out.add(c.red("✗ " + (i + 1)) + " " + cell.reason());
                    for (var f : Coach.explaining(findings, cell)) {
                        out.add("    " + c.yellow("coach " + f.id() + ": ") + f.meaning() + " " + c.dim("Fix: " + f.fix()));
                    }
                } else if (row instanceof CheckResult check) {
                    out.add(c.red("✗ " + (i + 1)) + " " + check.label() + ": " + check.detail());
                }
            }
        }
        for (String f : g.integrityFailures()) {
            out.add(c.red("✗ ") + f);
        }
        for (String n : g.notes()) {
            out.add(c.yellow("note: ") + n);
        }
        out.add("");
        String score = g.summary();
        if (!g.convergence().isZero()) {
            score += String.format(", probes settled in %.1f s", g.convergence().toMillis() / 1000.0);
        }
        out.add(g.passed() ? c.green(c.bold("PASS")) + "  " + score : c.red(c.bold("FAIL")) + "  " + score);
        return out;
    }
}
