package dev.netpollab.grade;

import java.util.ArrayList;
import java.util.List;

/** A left-aligned, kubectl-style text table: upper-case headers, columns three spaces apart. */
public final class TextTable {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

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
        List<String> out = new ArrayList<>();
        out.add(line(headers, w));
        rows.forEach(r -> out.add(line(r, w)));
        return out;
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
