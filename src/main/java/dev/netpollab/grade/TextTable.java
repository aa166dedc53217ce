package dev.netpollab.grade;

import java.util.ArrayList;
import java.util.List;

/** A left-aligned, kubectl-style text table: upper-case headers, columns three spaces apart. */
public final class TextTable {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private int width;

    public TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    public TextTable row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(c == null ? "" : c.toString());
        }
        rows.add(r);
        return this;
    }

    /**
     * Fits every line into a terminal {@code columns} wide by cutting the last column's text with "…" (a wrapped
     * row would start its tail in the first column and read as a row of its own); 0 leaves lines whole.
     */
    public TextTable fitTo(int columns) {
        this.width = columns;
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public List<String> lines() {
        int n = headers.size();
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = Colors.width(headers.get(i));
        }
        for (List<String> r : rows) {
            for (int i = 0; i < n && i < r.size(); i++) {
                w[i] = Math.max(w[i], Colors.width(r.get(i)));
            }
        }
        int room = width - 1;
        for (int i = 0; i < n - 1; i++) {
            room -= w[i] + 3;
        }
        int lastRoom = room;
        List<String> out = new ArrayList<>();
        out.add(line(headers, w));
        rows.forEach(r -> out.add(line(width > 0 && r.size() == n ? fitLast(r, lastRoom) : r, w)));
        return out;
    }

    /** The row with its last cell cut to {@code room} columns, when at least a word's worth of room is left. */
    private static List<String> fitLast(List<String> r, int room) {
        String last = r.get(r.size() - 1);
        if (room < 8 || Colors.width(last) <= room || last.indexOf('\u001b') >= 0) {
            return r;
        }
        List<String> cut = new ArrayList<>(r);
        String head = last.substring(0, last.offsetByCodePoints(0, room - 1));
        int space = head.lastIndexOf(' ');
        // Cut between words, so no word is shown half.
        cut.set(r.size() - 1, (space > 0 ? head.substring(0, space + 1) : head) + "…");
        return cut;
    }

    private static String line(List<String> cells, int[] w) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            s.append(c);
            if (i < cells.size() - 1) {
                s.append(" ".repeat(Math.max(0, w[i] - Colors.width(c) + 3)));
            }
        }
        return s.toString().stripTrailing();
    }

    @Override
    public String toString() {
        return String.join("\n", lines());
    }
}
