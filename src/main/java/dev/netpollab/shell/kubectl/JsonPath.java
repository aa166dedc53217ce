package dev.netpollab.shell.kubectl;

import dev.netpollab.shell.ShellError;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * kubectl's JSONPath templates ({@code -o jsonpath=...}, custom-columns): text with actions in braces, such as
 * {@code {.items[*].metadata.name}}, {@code {range .items[*]}{.metadata.name}{"\n"}{end}}, {@code {.a['k']}},
 * {@code {..name}}, {@code [0:2]}, {@code [0,2]}, {@code [-1]} and filters {@code [?(@.spec.x=="y")]}. Missing keys
 * print nothing (kubectl's {@code --allow-missing-template-keys=true}); several results of one action are joined by
 * a space; strings print raw, maps and lists as compact JSON. There is no Java library for this dialect (it is
 * client-go's own, not Jayway's), so it is written here after client-go's grammar.
 */
public final class JsonPath {
    private final String template;
    private final List<Node> nodes;

    private JsonPath(String template, List<Node> nodes) {
        this.template = template;
        this.nodes = nodes;
    }

    sealed interface Node permits Text, Action, Range {
    }

    record Text(String text) implements Node {
    }

    /** One path, or one quoted literal. */
    record Action(List<Step> steps, String literal) implements Node {
    }

    record Range(List<Step> steps, List<Node> body) implements Node {
    }

    sealed interface Step permits Root, Current, Field, Recursive, Index, Filter {
    }

    record Root() implements Step {
    }

    record Current() implements Step {
    }

    /** {@code .name}, {@code ['a','b']} (several names), {@code *} for every value. */
    record Field(List<String> names) implements Step {
    }

    record Recursive() implements Step {
    }

    /** {@code [i]}, {@code [i,j]}, {@code [a:b:c]}, {@code [*]}: indexes null means all. */
    record Index(List<Integer> indexes, Integer from, Integer to, Integer step, boolean all) implements Step {
    }

    record Filter(List<Step> left, String op, JsonNode right) implements Step {
    }

    /** Parses a template; a malformed one fails with kubectl's "error parsing jsonpath" message. */
    public static JsonPath parse(String template) {
        Parser p = new Parser(template);
        List<Node> nodes = p.nodes(false);
        return new JsonPath(template, nodes);
    }

    /**
     * Accepts what custom-columns accepts: {@code .metadata.name}, {@code metadata.name} or {@code {.metadata.name}}.
     */
    public static JsonPath relaxed(String expression) {
        String e = expression.trim();
        if (e.startsWith("{") && e.endsWith("}")) {
            e = e.substring(1, e.length() - 1);
        }
        if (!e.startsWith(".") && !e.startsWith("$") && !e.startsWith("[")) {
            e = "." + e;
        }
        return parse("{" + e + "}");
    }

    /** The template's text for one root object. */
    public String execute(JsonNode root) {
        StringBuilder out = new StringBuilder();
        run(nodes, root, root, out);
        return out.toString();
    }

    /** Every value the template's actions produce (custom-columns joins them with commas). */
    public List<JsonNode> values(JsonNode root) {
        List<JsonNode> out = new ArrayList<>();
        for (Node n : nodes) {
            if (n instanceof Action a && a.literal() == null) {
                out.addAll(eval(a.steps(), root, root));
            }
        }
        return out;
    }

    private void run(List<Node> body, JsonNode root, JsonNode current, StringBuilder out) {
        for (Node n : body) {
            if (n instanceof Text t) {
                out.append(t.text());
            } else if (n instanceof Action a) {
                if (a.literal() != null) {
                    out.append(a.literal());
                } else {
                    List<String> parts = new ArrayList<>();
                    eval(a.steps(), root, current).forEach(v -> parts.add(text(v)));
                    out.append(String.join(" ", parts));
                }
            } else if (n instanceof Range r) {
                for (JsonNode v : eval(r.steps(), root, current)) {
                    if (v.isArray()) {
                        v.forEach(e -> run(r.body(), root, e, out));
                    } else {
                        run(r.body(), root, v, out);
                    }
                }
            }
        }
    }

    /** How jsonpath prints one value: strings raw, maps and lists as JSON. */
    static String text(JsonNode v) {
        if (v.isString()) {
            return v.asString();
        }
        if (v.isObject() || v.isArray()) {
            return GoJson.compact(v);
        }
        return v.isNull() ? "null" : v.toString();
    }

    private static List<JsonNode> eval(List<Step> steps, JsonNode root, JsonNode current) {
        List<JsonNode> values = new ArrayList<>(List.of(current));
        for (Step s : steps) {
            List<JsonNode> next = new ArrayList<>();
            if (s instanceof Root) {
                next.add(root);
            } else if (s instanceof Current) {
                next.add(current);
            } else if (s instanceof Field f) {
                values.forEach(v -> field(f, v, next));
            } else if (s instanceof Recursive) {
                values.forEach(v -> descendants(v, next));
            } else if (s instanceof Index ix) {
                values.forEach(v -> index(ix, v, next));
            } else if (s instanceof Filter f) {
                for (JsonNode v : values) {
                    List<JsonNode> candidates = new ArrayList<>();
                    if (v.isArray()) {
                        v.forEach(candidates::add);
                    } else {
                        candidates.add(v);
                    }
                    candidates.stream().filter(c -> matches(f, root, c)).forEach(next::add);
                }
            }
            values = next;
        }
        return values;
    }

    private static void field(Field f, JsonNode v, List<JsonNode> next) {
        if (f.names().equals(List.of("*"))) {
            if (v.isObject()) {
                v.propertyNames().stream().sorted().forEach(k -> next.add(v.get(k)));
            } else if (v.isArray()) {
                v.forEach(next::add);
            }
            return;
        }
        for (String name : f.names()) {
            JsonNode x = v.isObject() ? v.get(name) : null;
            if (x != null) {
                next.add(x);
            }
        }
    }

    private static void index(Index ix, JsonNode v, List<JsonNode> next) {
        if (!v.isArray()) {
            return;
        }
        int n = v.size();
        if (ix.all()) {
            v.forEach(next::add);
        } else if (ix.indexes() != null) {
            for (int i : ix.indexes()) {
                int k = i < 0 ? n + i : i;
                if (k >= 0 && k < n) {
                    next.add(v.get(k));
                }
            }
        } else {
            int step = ix.step() == null || ix.step() == 0 ? 1 : ix.step();
            int from = ix.from() == null ? 0 : ix.from() < 0 ? Math.max(0, n + ix.from()) : Math.min(ix.from(), n);
            int to = ix.to() == null ? n : ix.to() < 0 ? Math.max(0, n + ix.to()) : Math.min(ix.to(), n);
            for (int k = from; k < to; k += step) {
                next.add(v.get(k));
            }
        }
    }

    private static void descendants(JsonNode v, List<JsonNode> out) {
        out.add(v);
        if (v.isObject()) {
            v.propertyNames().stream().sorted().forEach(k -> descendants(v.get(k), out));
        } else if (v.isArray()) {
            v.forEach(e -> descendants(e, out));
        }
    }

    private static boolean matches(Filter f, JsonNode root, JsonNode candidate) {
        List<JsonNode> left = eval(f.left(), root, candidate);
        if (f.op() == null) {
            return !left.isEmpty();
        }
        for (JsonNode l : left) {
            int cmp;
            if (l.isNumber() && f.right().isNumber()) {
                cmp = Double.compare(l.asDouble(), f.right().asDouble());
            } else if (l.isValueNode() && f.right().isValueNode()) {
                cmp = text(l).compareTo(text(f.right()));
            } else {
                continue;
            }
            boolean ok = switch (f.op()) {
                case "==" -> cmp == 0;
                case "!=" -> cmp != 0;
                case "<" -> cmp < 0;
                case "<=" -> cmp <= 0;
                case ">" -> cmp > 0;
                case ">=" -> cmp >= 0;
                default -> false;
            };
            if (ok) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return template;
    }

    /** A recursive-descent parser over client-go's template grammar. */
    private static final class Parser {
        private final String src;
        private int pos;

        Parser(String src) {
            this.src = src;
        }

        private ShellError error(String why) {
            return new ShellError("error: error parsing jsonpath " + src + ", " + why);
        }

        /** Nodes until the end, or until {end} when inside a range. */
        List<Node> nodes(boolean inRange) {
            List<Node> out = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            while (pos < src.length()) {
                char c = src.charAt(pos);
                if (c != '{') {
                    text.append(c);
                    pos++;
                    continue;
                }
                if (!text.isEmpty()) {
                    out.add(new Text(text.toString()));
                    text.setLength(0);
                }
                int close = closing(pos);
                String inside = src.substring(pos + 1, close).trim();
                pos = close + 1;
                if (inside.equals("end")) {
                    if (!inRange) {
                        throw error("not in range, nothing to end");
                    }
                    return out;
                }
                if (inside.startsWith("range ") || inside.equals("range")) {
                    List<Step> steps = new PathParser(inside.substring(5).trim(), this).steps();
                    List<Node> body = nodes(true);
                    out.add(new Range(steps, body));
                    continue;
                }
                if (inside.startsWith("\"") || inside.startsWith("'")) {
                    out.add(new Action(null, literal(inside)));
                    continue;
                }
                if (inside.isEmpty()) {
                    continue;
                }
                out.add(new Action(new PathParser(inside, this).steps(), null));
            }
            if (!text.isEmpty()) {
                out.add(new Text(text.toString()));
            }
            if (inRange) {
                throw error("unclosed action");
            }
            return out;
        }

        /** The matching close brace, skipping quoted text. */
        private int closing(int open) {
            char quote = 0;
            for (int i = open + 1; i < src.length(); i++) {
                char c = src.charAt(i);
                if (quote != 0) {
                    if (c == '\\') {
                        i++;
                    } else if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '"' || c == '\'') {
                    quote = c;
                } else if (c == '}') {
                    return i;
                }
            }
            throw error("unclosed action");
        }

        String literal(String quoted) {
            char q = quoted.charAt(0);
            if (quoted.length() < 2 || quoted.charAt(quoted.length() - 1) != q) {
                throw error("unterminated quoted string");
            }
            String body = quoted.substring(1, quoted.length() - 1);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '\\' && i + 1 < body.length()) {
                    char n = body.charAt(++i);
                    b.append(switch (n) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        default -> n;
                    });
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }
    }

    /** The steps of one path expression. */
    private static final class PathParser {
        private final String s;
        private final Parser owner;
        private int i;

        PathParser(String s, Parser owner) {
            this.s = s;
            this.owner = owner;
        }

        List<Step> steps() {
            List<Step> out = new ArrayList<>();
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '$') {
                    out.add(new Root());
                    i++;
                } else if (c == '@') {
                    out.add(new Current());
                    i++;
                } else if (c == '.') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '.') {
                        out.add(new Recursive());
                        i += 2;
                        if (i < s.length() && s.charAt(i) != '[') {
                            out.add(new Field(List.of(name())));
                        }
                    } else {
                        i++;
                        if (i < s.length() && s.charAt(i) != '[' && s.charAt(i) != '.') {
                            out.add(new Field(List.of(name())));
                        }
                    }
                } else if (c == '[') {
                    out.add(bracket());
                } else if (c == ' ') {
                    i++;
                } else if (out.isEmpty()) {
                    out.add(new Field(List.of(name())));
                } else {
                    throw owner.error("unrecognized character in action: U+" + String.format("%04X", (int) c) + " '" + c + "'");
                }
            }
            return out;
        }

        private String name() {
            StringBuilder b = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < s.length()) {
                    b.append(s.charAt(i + 1));
                    i += 2;
                    continue;
                }
                if (c == '.' || c == '[' || c == ' ' || c == ']' || c == ')' || c == '=' || c == '!' || c == '<' || c == '>') {
                    break;
                }
                b.append(c);
                i++;
            }
            if (b.isEmpty()) {
                throw owner.error("empty field name");
            }
            return b.toString();
        }

        private Step bracket() {
            int close = findClose();
            String inner = s.substring(i + 1, close).trim();
            i = close + 1;
            if (inner.equals("*")) {
                return new Index(null, null, null, null, true);
            }
            if (inner.startsWith("?(") && inner.endsWith(")")) {
                return filter(inner.substring(2, inner.length() - 1).trim());
            }
            if (inner.startsWith("'") || inner.startsWith("\"")) {
                List<String> names = new ArrayList<>();
                for (String part : inner.split(",")) {
                    names.add(owner.literal(part.trim()));
                }
                return new Field(names);
            }
            try {
                if (inner.contains(":")) {
                    String[] p = inner.split(":", -1);
                    return new Index(null, num(p[0]), num(p[1]), p.length > 2 ? num(p[2]) : null, false);
                }
                List<Integer> idx = new ArrayList<>();
                for (String part : inner.split(",")) {
                    idx.add(Integer.parseInt(part.trim()));
                }
                return new Index(idx, null, null, null, false);
            } catch (NumberFormatException e) {
                throw owner.error("invalid array index " + inner);
            }
        }

        private static Integer num(String t) {
            return t.isBlank() ? null : Integer.parseInt(t.trim());
        }

        private int findClose() {
            int[] depth = {0};
            int at = outsideQuotes(s, i, k -> {
                char c = s.charAt(k);
                if (c == '[') {
                    depth[0]++;
                }
                return c == ']' && --depth[0] == 0;
            });
            if (at < 0) {
                throw owner.error("unterminated array");
            }
            return at;
        }

        private Step filter(String expr) {
            for (String op : List.of("==", "!=", "<=", ">=", "<", ">")) {
                int at = indexOutsideQuotes(expr, op);
                if (at > 0) {
                    List<Step> left = new PathParser(expr.substring(0, at).trim(), owner).steps();
                    String r = expr.substring(at + op.length()).trim();
                    JsonNode right = r.startsWith("'") || r.startsWith("\"")
                            ? tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(owner.literal(r))
                            : parseNumberOrText(r);
                    return new Filter(left, op, right);
                }
            }
            return new Filter(new PathParser(expr, owner).steps(), null, null);
        }

        private static JsonNode parseNumberOrText(String r) {
            try {
                return tools.jackson.databind.node.JsonNodeFactory.instance.numberNode(Double.parseDouble(r));
            } catch (NumberFormatException e) {
                return tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(r);
            }
        }

        private static int indexOutsideQuotes(String s, String op) {
            return outsideQuotes(s, 0, k -> s.startsWith(op, k));
        }

        /** The first index from {@code from} on, outside quotes, where {@code stop} holds (it sees each such index in order); -1 if none. */
        private static int outsideQuotes(String s, int from, java.util.function.IntPredicate stop) {
            char quote = 0;
            for (int k = from; k < s.length(); k++) {
                char c = s.charAt(k);
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if (stop.test(k)) {
                    return k;
                }
            }
            return -1;
        }
    }
}
