package dev.netpollab.exam;

import dev.netpollab.grade.Colors;
import dev.netpollab.grade.TextTable;
import dev.netpollab.scenario.Scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The scenario list with the learner's progress, as the shell's `list` and `netpol-lab list` show it. */
public final class ScenarioListView {
    private ScenarioListView() {
    }

    /** ✓ passed, ✓* passed after revealing the solution, … started, blank: not tried. */
    public static String mark(ProgressStore.Entry e) {
        return e.passes() > 0 ? (e.revealed() ? "✓*" : "✓") : e.attempts() > 0 ? "…" : "";
    }

    /**
     * @param unsupported scenarios the current lab cannot run (marked ⊘); none outside a lab
     * @param howToStart  the closing advice, in the words of where the list is shown
     * @param columns     the terminal's width, to which the topics are cut; 0 for output that is not a terminal
     */
    public static List<String> render(List<Scenario> scenarios, ProgressStore progress, Colors c, Predicate<Scenario> unsupported,
                                      String howToStart, int columns) {
        TextTable t = new TextTable("", "ID", "TITLE", "LEVEL", "MIN", "TOPICS").fitTo(columns);
        boolean anyUnsupported = false;
        int passed = 0;
        for (Scenario sc : scenarios) {
            ProgressStore.Entry e = progress.get(sc.id());
            String mark = mark(e);
            passed += e.passes() > 0 ? 1 : 0;
            mark = e.passes() > 0 ? c.green(mark) : mark.isEmpty() ? " " : c.yellow(mark);
            if (unsupported.test(sc)) {
                mark = c.dim("⊘");
                anyUnsupported = true;
            }
            t.row(mark, sc.id(), sc.title(), sc.meta().difficulty().label(), sc.meta().minutes(), String.join(", ", sc.meta().topics()));
        }
        List<String> out = new ArrayList<>(t.lines());
        out.add("");
        out.add(passed + " of " + scenarios.size() + " scenarios passed. " + c.dim("✓ passed, ✓* passed after revealing the solution, … started."));
        if (anyUnsupported) {
            out.add(c.dim("⊘ probes endpoints outside the cluster, which an existing cluster cannot host: use the k3s or embedded lab."));
        }
        out.add(howToStart);
        return out;
    }
}
