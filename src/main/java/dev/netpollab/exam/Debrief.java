package dev.netpollab.exam;

import dev.netpollab.grade.CellResult;
import dev.netpollab.grade.CheckResult;
import dev.netpollab.grade.GradeRow;
import dev.netpollab.grade.Colors;
import dev.netpollab.grade.Report;
import dev.netpollab.grade.ReportWriter;
import dev.netpollab.grade.TextTable;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What a learner reads after a mock exam: the score, each task, the topics to practise next. */
public final class Debrief {
    private Debrief() {
    }

    private static String role(Report.Task task, GradeRow row) {
        return task.credit().isTarget(row) ? "target not fixed: " : "guard broken: ";
    }

    public static List<String> render(Report r, Colors c, ScenarioLibrary lib) {
        List<String> out = new ArrayList<>();
        String verdict = r.passed() ? c.green(c.bold("PASSED")) : c.red(c.bold("NOT PASSED"));
        out.add(c.bold(r.title()));
        out.add(String.format(Locale.ROOT, "Score: %.1f %% — %s (pass mark %d %%)", r.percent(), verdict, r.passPercent()));
        out.add("");
        TextTable t = new TextTable("#", "TASK", "WEIGHT", "FIXED", "KEPT", "POINTS", "TIME");
        int i = 1;
        for (Report.Task task : r.tasks()) {
            var credit = task.credit();
            t.row(i++, task.scenario().title(), task.weight(), credit.targetsMet() + "/" + credit.targets().size(),
                    (credit.guards().size() - credit.guardsBroken()) + "/" + credit.guards().size(),
                    String.format(Locale.ROOT, "%.1f", task.points()), ReportWriter.clock(task.spent()));
        }
        out.addAll(t.lines());
        out.add(c.dim("FIXED: targets (what the broken state got wrong) now right; each earns its share of the weight."));
        out.add(c.dim("KEPT: guards (what already worked) still right; each one broken costs one target's share."));
        out.add("");
        out.add(c.bold("By topic"));
        Map<String, double[]> topics = ReportWriter.topics(r);
        TextTable tt = new TextTable("TOPIC", "SCORE", "");
        List<Map.Entry<String, Double>> below = new ArrayList<>();
        topics.forEach((topic, acc) -> {
            double pct = 100 * acc[0] / acc[1];
            if (pct < 67) {
                below.add(Map.entry(topic, pct));
            }
            tt.row(topic, String.format(Locale.ROOT, "%.0f %%", pct), pct < 67 ? c.yellow("practise") : "");
        });
        below.sort(Map.Entry.comparingByValue());
        List<String> weak = below.stream().limit(4).map(Map.Entry::getKey).toList();
        out.addAll(tt.lines());
        if (!weak.isEmpty()) {
            Set<String> taken = r.tasks().stream().map(x -> x.scenario().id()).collect(Collectors.toSet());
            List<String> drills = practiceDrills(lib.scenarios().stream().filter(s -> !taken.contains(s.id())).toList(), weak).stream()
                    .map(Scenario::id).limit(5).toList();
            out.add("");
            out.add("Practise next: " + String.join(", ", weak) + (drills.isEmpty() ? "" : " — for example `start " + drills.get(0) + "`"
                    + (drills.size() > 1 ? " (also " + String.join(", ", drills.subList(1, drills.size())) + ")" : "")));
        }
        i = 1;
        for (Report.Task task : r.tasks()) {
            int n = i++;
            if (task.grade().passed()) {
                continue;
            }
            out.add("");
            out.add(c.bold(n + ". " + task.scenario().title()) + c.dim("  [" + task.scenario().id() + "]"));
            for (CellResult cell : task.grade().failedCells()) {
                out.add("  " + c.red("✗ ") + role(task, cell) + cell.probe() + " — expected " + cell.expectedLabel() + ", observed "
                        + cell.observation().outcome().label());
                out.add("      " + cell.reason());
            }
            for (CheckResult check : task.grade().failedChecks()) {
                out.add("  " + c.red("✗ ") + role(task, check) + check.label());
                out.add("      " + check.detail());
            }
            task.grade().integrityFailures().forEach(f -> out.add("  " + c.red("✗ ") + f));
            if (!task.scenario().explanation().isBlank()) {
                out.add("  " + c.bold("Why:"));
                task.scenario().explanation().strip().lines().forEach(l -> out.add("    " + l));
            }
        }
        return out;
    }

    /** The drills that practise any of the weak topics, the best first (see {@link #practiceValue}). */
    static List<Scenario> practiceDrills(List<Scenario> candidates, List<String> weakestFirst) {
        return candidates.stream().filter(s -> practiceValue(s, weakestFirst) > 0)
                .sorted(Comparator.comparingInt((Scenario s) -> -practiceValue(s, weakestFirst)).thenComparingInt(s -> s.meta().topics().size()))
                .toList();
    }

    /**
     * How well a drill practises the weak topics, worst first: a drill on the two weakest topics beats one on the
     * weakest alone, which beats one on the third; among equals the more focused drill (fewer topics) comes first.
     */
    static int practiceValue(Scenario s, List<String> weakestFirst) {
        int value = 0;
        for (int i = 0; i < weakestFirst.size(); i++) {
            if (s.meta().topics().contains(weakestFirst.get(i))) {
                value += 1 << (weakestFirst.size() - i);
            }
        }
        return value;
    }
}
