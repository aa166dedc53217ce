package dev.netpollab.exam;

import dev.netpollab.grade.Colors;
import dev.netpollab.grade.TextTable;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The learner's history as text: past exams and drills, exam scores over time, weakest topics. */
public final class HistoryView {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private static final String BARS = "▁▂▃▄▅▆▇█";

    private HistoryView() {
    }

    public static List<String> render(HistoryLog.Read read, Colors c, int last) {
        List<String> out = new ArrayList<>();
        List<HistoryLog.Entry> all = read.entries();
        if (read.unreadable() > 0) {
            out.add(c.yellow("warning: ") + read.unreadable() + " line(s) of the history could not be read and are left out");
        }
        if (all.isEmpty()) {
            out.add("No history yet: `check` a drill or take a mock exam (`netpol-lab exam`).");
            return out;
        }
        List<HistoryLog.Entry> exams = all.stream().filter(e -> e.kind().equals("exam")).toList();
        if (!exams.isEmpty()) {
            out.add(c.bold("Mock exams"));
            TextTable t = new TextTable("WHEN", "EXAM", "SCORE", "RESULT");
            for (HistoryLog.Entry e : exams.subList(Math.max(0, exams.size() - last), exams.size())) {
                t.row(WHEN.format(e.at()), e.title(), String.format(Locale.ROOT, "%.1f %%", e.percent()), e.passed() ? c.green("passed") : c.red("not passed"));
            }
            out.addAll(t.lines());
            StringBuilder spark = new StringBuilder();
            exams.forEach(e -> spark.append(BARS.charAt((int) Math.min(BARS.length() - 1, Math.max(0, e.percent() / 100 * (BARS.length() - 1))))));
            out.add("scores over time: " + spark + String.format(Locale.ROOT, "  (last %.1f %%, best %.1f %%)", exams.get(exams.size() - 1).percent(),
                    exams.stream().mapToDouble(HistoryLog.Entry::percent).max().orElse(0)));
            out.add("");
        }
        List<HistoryLog.Entry> checks = all.stream().filter(e -> e.kind().equals("check")).toList();
        if (!checks.isEmpty()) {
            out.add(c.bold("Drill checks") + c.dim(" (the last " + Math.min(last, checks.size()) + " of " + checks.size() + ")"));
            TextTable t = new TextTable("WHEN", "SCENARIO", "SCORE", "RESULT");
            for (HistoryLog.Entry e : checks.subList(Math.max(0, checks.size() - last), checks.size())) {
                t.row(WHEN.format(e.at()), e.scenarios().isEmpty() ? e.title() : e.scenarios().get(0), String.format(Locale.ROOT, "%.0f %%", e.percent()),
                        e.passed() ? c.green("passed") : "failed");
            }
            out.addAll(t.lines());
            out.add("");
        }
        Map<String, double[]> topics = new TreeMap<>();
        for (HistoryLog.Entry e : all) {
            if (e.topics() != null) {
                e.topics().forEach((k, v) -> {
                    double[] acc = topics.computeIfAbsent(k, x -> new double[2]);
                    acc[0] += v;
                    acc[1]++;
                });
            }
        }
        List<Map.Entry<String, double[]>> sorted = new ArrayList<>(topics.entrySet());
        sorted.sort(Map.Entry.comparingByValue((a, b) -> Double.compare(a[0] / a[1], b[0] / b[1])));
        out.add(c.bold("Weakest topics") + c.dim(" (average score over every check and exam)"));
        TextTable w = new TextTable("TOPIC", "AVERAGE", "TIMES");
        sorted.stream().limit(5).forEach(e -> w.row(e.getKey(), String.format(Locale.ROOT, "%.0f %%", e.getValue()[0] / e.getValue()[1]),
                (int) e.getValue()[1]));
        out.addAll(w.lines());
        return out;
    }
}
