package dev.netpollab.grade;

import dev.netpollab.policy.ContainerPortInfo;
import dev.netpollab.policy.PodInfo;
import dev.netpollab.policy.PolicyEngine;

import java.util.ArrayList;
import java.util.List;

/**
 * A compact connectivity grid: one row per source pod, one column per destination pod and port, with
 * ✓ (allowed), ✗ (blocked) or · (the pod itself). Columns are numbered and listed under the grid so that
 * long names do not blow the width.
 */
public final class MatrixRenderer {
    private MatrixRenderer() {
    }

    public static List<String> render(PolicyEngine engine, List<PodInfo> pods, Colors colors) {
        record Column(PodInfo dst, ContainerPortInfo port) {
        }
        List<Column> cols = new ArrayList<>();
        for (PodInfo dst : pods) {
            for (ContainerPortInfo p : PolicyEngine.distinctPorts(dst)) {
                cols.add(new Column(dst, p));
            }
        }
        int nameWidth = pods.stream().mapToInt(p -> p.id().length()).max().orElse(4);
        int cell = String.valueOf(cols.size()).length() + 1;
        List<String> out = new ArrayList<>();
        StringBuilder head = new StringBuilder(" ".repeat(nameWidth + 2));
        for (int i = 0; i < cols.size(); i++) {
            head.append(pad(String.valueOf(i + 1), cell));
        }
        out.add(head.toString().stripTrailing());
        for (PodInfo src : pods) {
            StringBuilder row = new StringBuilder(String.format("%-" + nameWidth + "s", src.id())).append("  ");
            for (Column c : cols) {
                String mark = c.dst().id().equals(src.id()) ? colors.dim("·")
                        : colors.ok(engine.allows(src, c.dst(), c.port().port(), c.port().protocol()));
                row.append(" ".repeat(cell - 1)).append(mark);
            }
            out.add(row.toString());
        }
        out.add("");
        for (int i = 0; i < cols.size(); i++) {
            Column c = cols.get(i);
            out.add(pad(String.valueOf(i + 1), cell) + " " + c.dst().id() + ":" + c.port().port() + "/" + c.port().protocol()
                    + (c.port().name() == null ? "" : " (" + c.port().name() + ")"));
        }
        return out;
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : " ".repeat(w - s.length()) + s;
    }
}
