package dev.netpollab.workshop;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The workshop's results to keep: CSV (one row per seat and task, for a spreadsheet), JSON (everything,
 * every result received included) and Markdown (the scoreboard and what the room got wrong, for notes).
 * Learner names are data: quoted in CSV (and never read as a formula), escaped in Markdown.
 */
final class WorkshopExport {
    private WorkshopExport() {
    }

    static String csv(Workshop w) {
        Workshop.Export e = w.export();
        StringBuilder b = new StringBuilder("seat,name,lab,task,scenario,state,points,weight,targets,targets_met,guards,guards_broken,"
                + "checks,submitted,late,disagreements\n");
        for (WorkshopStore.Seat s : e.seats()) {
            for (int t = 0; t < e.plan().tasks().size(); t++) {
                SeatResult r = e.latest().getOrDefault(s.id(), Map.of()).get(t);
                TaskScore sc = r == null ? null : r.score();
                List<Object> row = List.of(s.id(), s.name(), s.lab(), t + 1, e.plan().tasks().get(t).scenarioId(),
                        r == null ? "none" : sc.passed() ? "pass" : "fail", sc == null ? 0 : points(sc.points()),
                        e.plan().tasks().get(t).weight(), sc == null ? "" : sc.targets(), sc == null ? "" : sc.targetsMet(),
                        sc == null ? "" : sc.guards(), sc == null ? "" : sc.guardsBroken(),
                        e.checks().getOrDefault(s.id(), Map.of()).getOrDefault(t, 0),
                        e.submitted().getOrDefault(s.id(), Map.of()).getOrDefault(t, false),
                        r != null && r.late(), r == null ? 0 : r.detail().disagreements().size());
                b.append(String.join(",", row.stream().map(v -> csvField(String.valueOf(v))).toList())).append('\n');
            }
        }
        return b.toString();
    }

    /** RFC 4180 quoting; a leading = + - @ would make a spreadsheet run the cell as a formula, so it is defused. */
    static String csvField(String v) {
        String s = v;
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !s.matches("-?[0-9.]+")) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") || s.contains("'")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    static String json(Workshop w) {
        Workshop.Export e = w.export();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("workshop", Map.of("id", w.id(), "title", e.plan().title(), "minutes", e.plan().minutes(),
                "tasks", e.plan().tasks().stream().map(t -> Map.of("scenario", t.scenarioId(), "weight", t.weight())).toList()));
        out.put("exportedAt", Instant.ofEpochMilli(e.at()).toString());
        List<Map<String, Object>> seats = new ArrayList<>();
        for (WorkshopStore.Seat s : e.seats()) {
            Map<String, Object> seat = new LinkedHashMap<>();
            seat.put("id", s.id());
            seat.put("name", s.name());
            seat.put("lab", s.lab());
            seat.put("joinedAt", Instant.ofEpochMilli(s.joinedAt()).toString());
            List<Map<String, Object>> tasks = new ArrayList<>();
            double total = 0;
            for (int t = 0; t < e.plan().tasks().size(); t++) {
                SeatResult r = e.latest().getOrDefault(s.id(), Map.of()).get(t);
                Map<String, Object> task = new LinkedHashMap<>();
                task.put("task", t + 1);
                task.put("scenario", e.plan().tasks().get(t).scenarioId());
                task.put("state", r == null ? "none" : r.score().passed() ? "pass" : "fail");
                task.put("score", r == null ? null : r.score());
                task.put("submitted", e.submitted().getOrDefault(s.id(), Map.of()).getOrDefault(t, false));
                task.put("checks", e.checks().getOrDefault(s.id(), Map.of()).getOrDefault(t, 0));
                total += r == null ? 0 : r.score().points();
                tasks.add(task);
            }
            seat.put("points", points(total));
            seat.put("tasks", tasks);
            seats.add(seat);
        }
        out.put("seats", seats);
        out.put("results", w.allResults());
        return WorkshopApi.LENIENT.writerWithDefaultPrettyPrinter().writeValueAsString(out);
    }

    static String markdown(Workshop w, String join) {
        Workshop.Export e = w.export();
        Board board = w.board(join, false);
        StringBuilder b = new StringBuilder();
        b.append("# ").append(md(e.plan().title())).append("\n\n");
        b.append("Exported ").append(Instant.ofEpochMilli(e.at())).append(" · ").append(e.seats().size()).append(" seats · ")
                .append(e.results()).append(" results received · timer ").append(board.timer().state()).append("\n\n");
        b.append("| Seat | Name |");
        for (int t = 0; t < e.plan().tasks().size(); t++) {
            b.append(" T").append(t + 1).append(" |");
        }
        b.append(" Points |\n|---|---|");
        b.append("---|".repeat(e.plan().tasks().size())).append("---|\n");
        for (Board.Row row : board.seats()) {
            b.append("| ").append(row.id()).append(" | ").append(md(row.name())).append(" |");
            for (Board.Cell c : row.cells()) {
                b.append(' ').append(switch (c.state()) {
                    case "pass" -> "✓ " + points(c.points());
                    case "fail" -> "✗ " + points(c.points());
                    case "working" -> "…";
                    default -> "";
                }).append(" |");
            }
            b.append(' ').append(points(row.points())).append(" / ").append(row.weight()).append(" |\n");
        }
        b.append("\nTasks:\n\n");
        for (Board.Column c : board.tasks()) {
            b.append("- T").append(c.index() + 1).append(": ").append(md(c.title())).append(" (`").append(c.id()).append("`, weight ")
                    .append(c.weight()).append("): ").append(c.passed()).append(" of ").append(c.tried()).append(" passed\n");
        }
        if (!board.failures().isEmpty()) {
            b.append("\nMost common failing cells:\n\n");
            board.failures().forEach(f -> b.append("- ").append(f.count()).append(" of ").append(f.of()).append(": `").append(f.probe())
                    .append("` expected ").append(f.expected()).append(", got ").append(f.outcome()).append(" (task ").append(f.task() + 1).append(")\n"));
        }
        if (!board.findings().isEmpty()) {
            b.append("\nCoach findings:\n\n");
            board.findings().forEach(f -> b.append("- ").append(f.count()).append(" of ").append(f.of()).append(": ").append(f.id())
                    .append(" in task ").append(f.task() + 1).append(" — ").append(md(f.meaning())).append('\n'));
        }
        return b.toString();
    }

    /** Markdown and the HTML a Markdown viewer renders: names cannot add markup, links or table cells. */
    static String md(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '\n', '\r' -> b.append(' ');
                default -> {
                    if ("\\`*_[]|~".indexOf(c) >= 0) {
                        b.append('\\');
                    }
                    b.append(c);
                }
            }
        }
        return b.toString();
    }

    static String points(double p) {
        return String.format(Locale.ROOT, "%.2f", p).replaceAll("\\.?0+$", "");
    }
}
