package dev.netpollab.grade;

import java.util.ArrayList;
import java.util.List;

/** The result table a learner reads after {@code check}: one row per probe, then why each wrong cell is wrong. */
public final class GradeRenderer {
    private GradeRenderer() {
    }

    public static List<String> render(Grade g, Colors c) {
        return render(g, c, List.of());
    }

    /** With coach findings: those that explain a wrong cell are shown under its reason. */
    public static List<String> render(Grade g, Colors c, List<dev.netpollab.policy.lint.Finding> findings) {
        List<String> out = new ArrayList<>();
        TextTable t = new TextTable("", "FROM", "TO", "EXPECTED", "OBSERVED");
        List<CellResult> cells = g.cells();
        List<CellResult> wrong = new ArrayList<>();
        for (CellResult cell : cells) {
            String observed = cell.observation().outcome().label();
            if (!cell.observation().matchesPrediction()) {
                observed += " (predicted " + cell.observation().predicted().label() + ")";
            }
            String mark = cell.pass() ? c.green("✓") : c.red("✗ " + (wrong.size() + 1));
            if (!cell.pass()) {
                wrong.add(cell);
            }
            t.row(mark, cell.probe().from(), cell.probe().to().text() + ":" + cell.probe().port() + "/" + cell.probe().protocol(),
                    cell.expectedLabel(), cell.pass() ? observed : c.bold(observed));
        }
        out.addAll(t.lines());
        if (!wrong.isEmpty()) {
            out.add("");
            for (int i = 0; i < wrong.size(); i++) {
                out.add(c.red("✗ " + (i + 1)) + " " + wrong.get(i).reason());
                for (var f : Coach.explaining(findings, wrong.get(i))) {
                    out.add("    " + c.yellow("coach " + f.id() + ": ") + f.meaning() + " " + c.dim("Fix: " + f.fix()));
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
        out.add(g.passed() ? c.green(c.bold("PASS")) + "  " + summary(g) : c.red(c.bold("FAIL")) + "  " + summary(g));
        return out;
    }

    /**
     * The verdict's line after PASS or FAIL, leading with why a grade failed when the cells alone do not say it:
     * "the world must stay as set up, but …; 4/4 expectations met" rather than a bare "4/4 (100%)".
     */
    public static String summary(Grade g) {
        String score = String.format("%d/%d expectations met (%d%%)", g.met(), g.total(), Math.round(g.score() * 100));
        if (!g.convergence().isZero()) {
            score += String.format(", probes settled in %.1f s", g.convergence().toMillis() / 1000.0);
        }
        if (g.integrityFailures().isEmpty()) {
            return score;
        }
        int more = g.integrityFailures().size() - 1;
        return g.integrityFailures().get(0) + (more > 0 ? " (and " + more + " more change" + (more == 1 ? "" : "s") + ")" : "") + "; " + score;
    }
}
