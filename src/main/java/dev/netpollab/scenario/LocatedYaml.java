package dev.netpollab.scenario;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * YAML documents as Jackson trees that remember where every value came from, so that an error found
 * after parsing (a bad selector, an unknown pod) can still name the line and column.
 * Paths use the API server's notation: {@code spec.ingress[0].from[1].podSelector}.
 *
 * <p>The YAML is read as kubectl reads it (sigs.k8s.io/yaml over go-yaml): aliases and merge keys
 * ({@code <<: *base}) are resolved, a mapping key defined twice is an error ("mapping key "x" already
 * defined at line N"), plain scalars follow YAML 1.1 ({@link YamlScalars}), and aliases that would expand
 * a small file into a huge tree ("billion laughs") are refused as go-yaml refuses them. Input is read as
 * it streams: only one document (or one item of a large {@code kind: List}) is in memory at a time, within
 * the limits of {@link InputLimits}.
 */
public final class LocatedYaml {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Where each part of a document is: a mapping entry is located at its key, a list item at its value. */
    public static final class Loc {
        final int line;
        final int column;
        Map<String, Loc> fields;
        List<Loc> items;

        Loc(int line, int column) {
            this.line = line;
            this.column = column;
        }
    }

    /** One document: its tree and where each of its paths is; the root path is "". */
    public record Document(JsonNode root, Loc locations, int line) {
        /** {line, column} of the path, or of its nearest ancestor that has one. */
        public int[] locate(String path) {
            Loc cur = locations;
            if (cur == null) {
                return new int[]{line, 1};
            }
            int[] best = {cur.line, cur.column};
            String rest = path;
            while (!rest.isEmpty() && cur != null) {
                if (rest.charAt(0) == '[') {
                    int close = rest.indexOf(']');
                    int index;
                    try {
                        index = close < 0 ? -1 : Integer.parseInt(rest.substring(1, close));
                    } catch (NumberFormatException e) {
                        index = -1;
                    }
                    cur = cur.items == null || index < 0 || index >= cur.items.size() ? null : cur.items.get(index);
                    rest = close < 0 ? "" : rest.substring(close + 1);
                } else {
                    String key = null;
                    if (cur.fields != null) {
                        // Keys may hold dots (app.kubernetes.io/name): take the longest key the path continues from.
                        for (String k : cur.fields.keySet()) {
                            if (rest.startsWith(k) && (rest.length() == k.length() || rest.charAt(k.length()) == '.'
                                    || rest.charAt(k.length()) == '[') && (key == null || k.length() > key.length())) {
                                key = k;
                            }
                        }
                    }
                    cur = key == null ? null : cur.fields.get(key);
                    rest = key == null ? "" : rest.substring(key.length());
                }
                if (rest.startsWith(".")) {
                    rest = rest.substring(1);
                }
                if (cur != null) {
                    best = new int[]{cur.line, cur.column};
                }
            }
            return best;
        }
    }

    /** Receives what a stream holds, as soon as it is read. */
    public interface Sink {
        /** A whole document; in a streamed List, the items already handed to {@link #listItem} are null in it. */
        void document(Document document);

        /** One object (a mapping with apiVersion and kind) of the root {@code items} of a document, read on its own. */
        default void listItem(Document item, int index) {
            throw new UnsupportedOperationException();
        }
    }

    private LocatedYaml() {
    }

    /**
     * Parses every document of one of netpol-lab's own files (a scenario, an exam set); empty documents are
     * skipped. Plain scalars follow the YAML 1.2 core schema ({@link YamlScalars.Schema#CORE}).
     *
     * @throws InvalidInputException on a syntax error, located
     */
    public static List<Document> parse(String file, String text) throws InvalidInputException {
        return parse(file, text, YamlScalars.Schema.CORE);
    }

    /** As {@link #parse(String, String)}, with the given rules for plain scalars. */
    static List<Document> parse(String file, String text, YamlScalars.Schema schema) throws InvalidInputException {
        List<Document> docs = new ArrayList<>();
        read(file, new StringReader(text), false, docs::add, InputLimits.MAX_DOCUMENT_CHARS, schema);
        return docs;
    }

    /**
     * Reads a stream of Kubernetes manifests document by document, as kubectl reads them
     * ({@link YamlScalars.Schema#KUBECTL}).
     *
     * @param streamListItems hand each object of a root {@code items} list to {@link Sink#listItem} as soon as it is
     *                        read, so a large {@code kind: List} never needs to be in memory at once
     * @throws InvalidInputException at the first problem of the YAML itself (syntax, duplicate key, limits)
     */
    public static void read(String file, Reader in, boolean streamListItems, Sink sink) throws InvalidInputException {
        read(file, in, streamListItems, sink, InputLimits.MAX_DOCUMENT_CHARS, YamlScalars.Schema.KUBECTL);
    }

    /** As {@link #read(String, Reader, boolean, Sink)} with another limit for one document and other scalar rules. */
    static void read(String file, Reader in, boolean streamListItems, Sink sink, int maxDocumentChars, YamlScalars.Schema schema)
            throws InvalidInputException {
        LoadSettings settings = LoadSettings.builder().setLabel(file).setCodePointLimit(Integer.MAX_VALUE).setParseComments(false).build();
        Builder b = new Builder(file, streamListItems, sink, maxDocumentChars, schema);
        ParserImpl parser = new ParserImpl(settings, new StreamReader(settings, in));
        try {
            while (parser.hasNext()) {
                b.event(parser.next());
            }
        } catch (YamlEngineException e) {
            throw b.problem(e);
        } catch (BuildError e) {
            throw new InvalidInputException(new YamlProblem(file, e.line, e.column, "", e.getMessage()));
        }
    }

    /** A problem of the YAML itself found while building the tree, at a 1-based line and column. */
    private static final class BuildError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int line;
        final int column;

        BuildError(int line, int column, String message) {
            super(message, null, false, false);
            this.line = line;
            this.column = column;
        }
    }

    /** A node as parsed, before aliases and merge keys are resolved. */
    private static final class Raw {
        static final int SCALAR = 0;
        static final int MAP = 1;
        static final int SEQ = 2;
        static final int ALIAS = 3;
        final int kind;
        final String tag;
        final String value;
        final boolean plain;
        final int line;
        final int column;
        final int startIndex;
        final List<Raw> children;
        Raw target;
        boolean complete;
        boolean streamItems;
        int count;

        Raw(int kind, String tag, String value, boolean plain, int line, int column, int startIndex) {
            this.kind = kind;
            this.tag = tag;
            this.value = value;
            this.plain = plain;
            this.line = line;
            this.column = column;
            this.startIndex = startIndex;
            this.children = kind == MAP || kind == SEQ ? new ArrayList<>() : null;
        }

        boolean hasScalarKey(String key) {
            for (int i = 0; i < children.size(); i += 2) {
                Raw k = children.get(i);
                if (k.kind == SCALAR && key.equals(k.value)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Turns parser events into documents, enforcing nesting, size and alias limits. */
    private static final class Builder {
        private final String file;
        private final boolean streamListItems;
        private final Sink sink;
        private final Map<String, Raw> anchors = new HashMap<>();
        private final Deque<Raw> stack = new ArrayDeque<>();
        private Raw root;
        private int docLine = 1;
        private int docStart;
        private int streamed;
        private int itemStart = -1;
        private int lastLine = 1;
        private int lastColumn = 1;
        private Resolver resolver;
        private final int maxChars;
        private final YamlScalars.Schema schema;

        Builder(String file, boolean streamListItems, Sink sink, int maxChars, YamlScalars.Schema schema) {
            this.maxChars = maxChars;
            this.schema = schema;
            this.file = file;
            this.streamListItems = streamListItems;
            this.sink = sink;
        }

        InvalidInputException problem(YamlEngineException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof TextInput.Unreadable u) {
                    return new InvalidInputException(new YamlProblem(file, u.line(), u.column(), "", u.getMessage()));
                }
                if (t instanceof IOException io) {
                    return new InvalidInputException(new YamlProblem(file, lastLine, 0, "", "cannot read: " + io.getMessage()));
                }
            }
            if (e instanceof MarkedYamlEngineException y && y.getProblemMark().isPresent()) {
                // SnakeYAML knows best where and what: "expected ',' or '}', but got <stream end>".
                Mark mark = y.getProblemMark().get();
                String context = y.getContext() == null ? "" : " (" + y.getContext()
                        + y.getContextMark().map(m -> " that starts at line " + (m.getLine() + 1)).orElse("") + ")";
                return new InvalidInputException(new YamlProblem(file, mark.getLine() + 1, mark.getColumn() + 1, "",
                        "invalid YAML: " + y.getProblem() + context));
            }
            String m = e.getMessage() == null ? "unreadable" : e.getMessage().lines().findFirst().orElse("unreadable");
            return new InvalidInputException(new YamlProblem(file, lastLine, lastColumn, "", "invalid YAML: " + m));
        }

        void event(Event e) {
            Mark start = e.getStartMark().orElse(null);
            int line = start == null ? lastLine : start.getLine() + 1;
            int column = start == null ? lastColumn : start.getColumn() + 1;
            int index = start == null ? 0 : start.getIndex();
            lastLine = line;
            lastColumn = column;
            checkSize(index, line, column);
            switch (e.getEventId()) {
                case DocumentStart -> {
                    anchors.clear();
                    stack.clear();
                    root = null;
                    docLine = line;
                    docStart = index;
                    streamed = 0;
                    itemStart = -1;
                    resolver = new Resolver(schema);
                }
                case DocumentEnd -> {
                    if (root != null) {
                        Resolver.Out out = resolver.resolve(root, 0);
                        if (!out.json.isNull()) {
                            resolver.throwDuplicates();
                            sink.document(new Document(out.json, out.loc, docLine));
                        }
                    }
                    root = null;
                    anchors.clear();
                }
                case MappingStart, SequenceStart -> {
                    if (stack.size() >= InputLimits.MAX_NESTING) {
                        throw new BuildError(line, column, "invalid YAML: nested deeper than " + InputLimits.MAX_NESTING + " levels");
                    }
                    CollectionStartEvent c = (CollectionStartEvent) e;
                    Raw n = new Raw(e.getEventId() == Event.ID.MappingStart ? Raw.MAP : Raw.SEQ, c.getTag().orElse(null), null, false,
                            line, column, index);
                    Raw parent = stack.peek();
                    if (parent != null && parent.streamItems) {
                        itemStart = index;
                    }
                    if (streamListItems && n.kind == Raw.SEQ && stack.size() == 1 && parent.kind == Raw.MAP && parent.children.size() % 2 == 1) {
                        Raw key = parent.children.get(parent.children.size() - 1);
                        n.streamItems = key.kind == Raw.SCALAR && key.plain && "items".equals(key.value);
                    }
                    anchor(c, n);
                    stack.push(n);
                }
                case MappingEnd, SequenceEnd -> {
                    Raw n = stack.pop();
                    n.complete = true;
                    add(n, e.getEndMark().map(Mark::getIndex).orElse(index));
                }
                case Scalar -> {
                    ScalarEvent s = (ScalarEvent) e;
                    Raw n = new Raw(Raw.SCALAR, s.getTag().orElse(null), s.getValue(), s.isPlain(), line, column, index);
                    n.complete = true;
                    anchor(s, n);
                    add(n, index);
                }
                case Alias -> {
                    String name = ((AliasEvent) e).getAlias().getValue();
                    Raw target = anchors.get(name);
                    if (target == null) {
                        throw new BuildError(line, column, "invalid YAML: unknown anchor '" + name + "' referenced");
                    }
                    if (!target.complete) {
                        throw new BuildError(line, column, "invalid YAML: anchor '" + name + "' value contains itself");
                    }
                    Raw n = new Raw(Raw.ALIAS, null, name, false, line, column, index);
                    n.target = target;
                    n.complete = true;
                    add(n, index);
                }
                default -> {
                    // stream start and end, comments
                }
            }
        }

        private void anchor(NodeEvent e, Raw n) {
            e.getAnchor().ifPresent(a -> anchors.put(a.getValue(), n));
        }

        /** One document, or one item of a streamed List, may not grow past the limit. */
        private void checkSize(int index, int line, int column) {
            if (itemStart >= 0 && index - itemStart > maxChars) {
                throw new BuildError(line, column, "this item of the list is longer than " + maxChars
                        + " characters, the limit for one object (" + InputLimits.DESCRIBE + ")");
            }
            if (index - docStart - streamed > maxChars) {
                throw new BuildError(line, column, "this YAML document is longer than " + maxChars
                        + " characters, the limit for one document; split it into several documents (" + InputLimits.DESCRIBE + ")");
            }
        }

        private void add(Raw n, int endIndex) {
            Raw parent = stack.peek();
            if (parent == null) {
                root = n;
                return;
            }
            if (parent.streamItems) {
                int index = parent.count++;
                if (n.kind == Raw.MAP && n.hasScalarKey("apiVersion") && n.hasScalarKey("kind")) {
                    Resolver.Out out = resolver.resolve(n, stack.size());
                    resolver.throwDuplicates();
                    sink.listItem(new Document(out.json, out.loc, n.line), index);
                    streamed += Math.max(0, endIndex - n.startIndex);
                    itemStart = -1;
                    // A placeholder keeps the indexes of the items that stay in the tree.
                    Raw placeholder = new Raw(Raw.SCALAR, null, "~", true, n.line, n.column, n.startIndex);
                    placeholder.complete = true;
                    parent.children.add(placeholder);
                    return;
                }
                itemStart = -1;
            }
            parent.children.add(n);
        }
    }

    /**
     * Resolves aliases and merge keys into a tree. Expansion is budgeted as go-yaml budgets it: once more than a
     * thousand nodes were produced, aliases may account for at most 99 % of them, falling to 10 % for very large
     * documents, which stops a billion-laughs document early while allowing ordinary reuse.
     */
    private static final class Resolver {
        record Out(JsonNode json, Loc loc) {
        }

        private final YamlScalars.Schema schema;
        private long decoded;
        private long aliased;

        Resolver(YamlScalars.Schema schema) {
            this.schema = schema;
        }

        private int aliasDepth;
        private Raw outerAlias;
        private BuildError duplicate;

        void throwDuplicates() {
            if (duplicate != null) {
                BuildError d = duplicate;
                duplicate = null;
                throw d;
            }
        }

        Out resolve(Raw n, int depth) {
            if (depth > InputLimits.MAX_NESTING) {
                throw new BuildError(n.line, n.column, "invalid YAML: nested deeper than " + InputLimits.MAX_NESTING + " levels");
            }
            decoded++;
            if (aliasDepth > 0) {
                aliased++;
            }
            if (aliased > 100 && decoded > 1000 && (double) aliased / decoded > allowedAliasRatio(decoded)) {
                Raw at = outerAlias == null ? n : outerAlias;
                throw new BuildError(at.line, at.column, "invalid YAML: document contains excessive aliasing");
            }
            switch (n.kind) {
                case Raw.ALIAS -> {
                    if (aliasDepth++ == 0) {
                        outerAlias = n;
                    }
                    try {
                        Out t = resolve(n.target, depth);
                        Loc at = new Loc(n.line, n.column);
                        at.fields = t.loc.fields;
                        at.items = t.loc.items;
                        return new Out(t.json, at);
                    } finally {
                        aliasDepth--;
                    }
                }
                case Raw.SCALAR -> {
                    try {
                        return new Out(YamlScalars.json(n.tag, n.value, n.plain, schema), new Loc(n.line, n.column));
                    } catch (YamlScalars.BadScalar e) {
                        throw new BuildError(n.line, n.column, "invalid YAML: " + e.getMessage());
                    }
                }
                case Raw.SEQ -> {
                    ArrayNode a = F.arrayNode(n.children.size());
                    Loc loc = new Loc(n.line, n.column);
                    loc.items = new ArrayList<>(n.children.size());
                    for (Raw c : n.children) {
                        Out o = resolve(c, depth + 1);
                        a.add(o.json);
                        loc.items.add(o.loc);
                    }
                    return new Out(a, loc);
                }
                default -> {
                    return mapping(n, depth);
                }
            }
        }

        private static double allowedAliasRatio(long decodeCount) {
            if (decodeCount <= 400_000) {
                return 0.99;
            }
            if (decodeCount >= 4_000_000) {
                return 0.10;
            }
            return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000.0);
        }

        private static Raw deref(Raw n) {
            return n.kind == Raw.ALIAS ? n.target : n;
        }

        private Out mapping(Raw n, int depth) {
            ObjectNode o = F.objectNode();
            Loc loc = new Loc(n.line, n.column);
            loc.fields = new LinkedHashMap<>();
            Map<String, Integer> seen = new HashMap<>();
            Raw merge = null;
            int mergeLine = 0;
            for (int i = 0; i + 1 < n.children.size(); i += 2) {
                Raw keyNode = n.children.get(i);
                Raw k = deref(keyNode);
                if (k.kind != Raw.SCALAR) {
                    throw new BuildError(keyNode.line, keyNode.column, "invalid YAML: a mapping key must be a scalar, not a "
                            + (k.kind == Raw.MAP ? "mapping" : "list"));
                }
                if (YamlScalars.isMergeKey(k.tag, k.value, k.plain)) {
                    if (merge != null) {
                        duplicate(keyNode, "<<", mergeLine);
                    }
                    merge = n.children.get(i + 1);
                    mergeLine = keyNode.line;
                    continue;
                }
                String key;
                try {
                    key = YamlScalars.key(k.tag, k.value, k.plain, schema);
                } catch (YamlScalars.BadScalar e) {
                    throw new BuildError(keyNode.line, keyNode.column, "invalid YAML: " + e.getMessage());
                }
                Integer before = seen.putIfAbsent(key, keyNode.line);
                if (before != null) {
                    duplicate(keyNode, key, before);
                    continue;
                }
                Out v = resolve(n.children.get(i + 1), depth + 1);
                o.set(key, v.json);
                Loc at = new Loc(keyNode.line, keyNode.column);
                at.fields = v.loc.fields;
                at.items = v.loc.items;
                loc.fields.put(key, at);
            }
            if (merge != null) {
                merge(merge, o, loc, depth);
            }
            return new Out(o, loc);
        }

        /** {@code <<: *base} or {@code <<: [*a, *b]}: keys of the mapping itself win, then earlier merged mappings. */
        private void merge(Raw merge, ObjectNode o, Loc loc, int depth) {
            Raw m = deref(merge);
            List<Raw> sources = new ArrayList<>();
            if (m.kind == Raw.MAP) {
                sources.add(merge);
            } else if (m.kind == Raw.SEQ) {
                for (Raw c : m.children) {
                    if (deref(c).kind != Raw.MAP) {
                        throw new BuildError(c.line, c.column, "invalid YAML: map merge requires map or sequence of maps as the value");
                    }
                    sources.add(c);
                }
            } else {
                throw new BuildError(merge.line, merge.column, "invalid YAML: map merge requires map or sequence of maps as the value");
            }
            for (Raw s : sources) {
                Out r = resolve(s, depth);
                ObjectNode from = (ObjectNode) r.json;
                for (String key : from.propertyNames()) {
                    if (!o.has(key)) {
                        o.set(key, from.get(key));
                        loc.fields.put(key, r.loc.fields.get(key));
                    }
                }
            }
        }

        private void duplicate(Raw keyNode, String key, int firstLine) {
            if (duplicate == null) {
                duplicate = new BuildError(keyNode.line, keyNode.column, "invalid YAML: mapping key \"" + key + "\" already defined at line " + firstLine);
            }
        }
    }
}
