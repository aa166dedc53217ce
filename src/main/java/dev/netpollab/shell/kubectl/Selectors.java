package dev.netpollab.shell.kubectl;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** kubectl's text for selectors and labels. */
final class Selectors {
    private Selectors() {
    }

    /** {@code app=db,tier in (a,b)}; {@code <none>} for an empty selector. */
    static String text(LabelSelector sel) {
        if (sel == null) {
            return "<none>";
        }
        List<String> parts = new ArrayList<>();
        new TreeMap<>(sel.getMatchLabels() == null ? Map.<String, String>of() : sel.getMatchLabels()).forEach((k, v) -> parts.add(k + "=" + v));
        if (sel.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : sel.getMatchExpressions()) {
                String vals = r.getValues() == null ? "" : String.join(",", r.getValues());
                parts.add(switch (r.getOperator()) {
                    case "In" -> r.getKey() + " in (" + vals + ")";
                    case "NotIn" -> r.getKey() + " notin (" + vals + ")";
                    case "Exists" -> r.getKey();
                    case "DoesNotExist" -> "!" + r.getKey();
                    default -> r.getKey() + " " + r.getOperator() + " (" + vals + ")";
                });
            }
        }
        return parts.isEmpty() ? "<none>" : String.join(",", parts);
    }

    static String labels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return "<none>";
        }
        List<String> parts = new ArrayList<>();
        new TreeMap<>(labels).forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(",", parts);
    }
}
