package dev.netpollab.shell.kubectl;

import dev.netpollab.policy.LabelSelectorMatcher;
import dev.netpollab.shell.ShellError;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kubectl's {@code -l} selectors, with the grammar of the API's label selectors: {@code k=v}, {@code k==v},
 * {@code k!=v} (also true where k is absent), {@code k in (a,b)}, {@code k notin (a,b)}, {@code k} (k exists) and
 * {@code !k} (k absent), joined by commas. They become a LabelSelector, matched by the policy engine's own matcher.
 */
final class Labels {
    private static final Pattern SET = Pattern.compile("\\s*([^\\s!=(),]+)\\s+(in|notin)\\s*\\(([^)]*)\\)\\s*");
    private static final Pattern EQUALITY = Pattern.compile("\\s*([^\\s!=(),]+)\\s*(==|=|!=)\\s*([^\\s!=(),]*)\\s*");
    private static final Pattern EXISTS = Pattern.compile("\\s*(!?)\\s*([^\\s!=(),]+)\\s*");

    private Labels() {
    }

    static LabelSelector parseSelector(String text) {
        Map<String, String> match = new LinkedHashMap<>();
        List<LabelSelectorRequirement> expressions = new ArrayList<>();
        for (String part : split(text)) {
            Matcher m;
            if ((m = SET.matcher(part)).matches()) {
                List<String> values = new ArrayList<>();
                for (String v : m.group(3).split(",")) {
                    if (!v.isBlank()) {
                        values.add(v.trim());
                    }
                }
                if (values.isEmpty()) {
                    throw bad(text, "for 'in', 'notin' operators, values set can't be empty");
                }
                expressions.add(new LabelSelectorRequirement(m.group(1), m.group(2).equals("in") ? "In" : "NotIn", values));
            } else if ((m = EQUALITY.matcher(part)).matches()) {
                if (m.group(2).equals("!=")) {
                    expressions.add(new LabelSelectorRequirement(m.group(1), "NotIn", List.of(m.group(3))));
                } else {
                    match.put(m.group(1), m.group(3));
                }
            } else if ((m = EXISTS.matcher(part)).matches()) {
                expressions.add(new LabelSelectorRequirement(m.group(2), m.group(1).isEmpty() ? "Exists" : "DoesNotExist", null));
            } else {
                throw bad(text, "found '" + part.trim() + "', expected: key, !key, key=value, key!=value, key in (v1,v2) or key notin (v1,v2)");
            }
        }
        return new LabelSelector(expressions.isEmpty() ? null : expressions, match.isEmpty() ? null : match);
    }

    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        return LabelSelectorMatcher.of(selector).matches(labels == null ? Map.of() : labels);
    }

    /** Splits on the commas that separate requirements, not those inside {@code in (a,b)}. */
    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out.stream().filter(s -> !s.isBlank()).toList();
    }

    private static ShellError bad(String text, String why) {
        return new ShellError("error: unable to parse requirement: " + why + " (in selector \"" + text + "\")");
    }
}
