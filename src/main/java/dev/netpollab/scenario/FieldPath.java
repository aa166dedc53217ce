package dev.netpollab.scenario;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path into a Kubernetes object as its JSON fields are named: {@code spec.policyTypes},
 * {@code spec.ingress[0].ports}, {@code spec.ingress[*].ports[*].endPort}. {@code [N]} is one list element,
 * {@code [*]} every element. It selects the nodes that exist along the path; a missing field selects none.
 */
public record FieldPath(String text, List<Step> steps) {
    private static final Pattern SEGMENT = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*)((?:\\[(?:\\d{1,6}|\\*)])*)");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d{1,6}|\\*)]");

    /** One step: a field name, a list index, or every element ({@code index == -1}). */
    public record Step(String field, int index) {
        static Step field(String name) {
            return new Step(name, 0);
        }

        boolean isField() {
            return field != null;
        }
    }

    public FieldPath {
        steps = List.copyOf(steps);
    }

    /** The path, or empty when it is not of the form {@code a.b[0].c[*]}. */
    public static Optional<FieldPath> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        List<Step> steps = new ArrayList<>();
        for (String segment : text.split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(segment);
            if (!m.matches()) {
                return Optional.empty();
            }
            steps.add(Step.field(m.group(1)));
            Matcher i = INDEX.matcher(m.group(2));
            while (i.find()) {
                steps.add(new Step(null, i.group(1).equals("*") ? -1 : Integer.parseInt(i.group(1))));
            }
        }
        return Optional.of(new FieldPath(text, steps));
    }

    /** The nodes the path reaches in a tree, in document order. */
    public List<JsonNode> select(JsonNode root) {
        List<JsonNode> current = new ArrayList<>(List.of(root));
        for (Step s : steps) {
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode n : current) {
                if (s.isField()) {
                    JsonNode child = n.isObject() ? n.get(s.field()) : null;
                    if (child != null && !child.isNull()) {
                        next.add(child);
                    }
                } else if (n.isArray()) {
                    if (s.index() < 0) {
                        n.forEach(next::add);
                    } else if (s.index() < n.size()) {
                        next.add(n.get(s.index()));
                    }
                }
            }
            current = next;
        }
        return current;
    }

    @Override
    public String toString() {
        return text;
    }
}
