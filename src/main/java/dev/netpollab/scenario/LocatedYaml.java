package dev.netpollab.scenario;

import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * YAML documents as Jackson trees that remember where every value came from, so that an error found
 * after parsing (a bad selector, an unknown pod) can still name the line and column.
 * Paths use the API server's notation: {@code spec.ingress[0].from[1].podSelector}.
 */
public final class LocatedYaml {
    private static final YAMLMapper MAPPER = YAMLMapper.builder().build();

    /** One document: its tree and the location of each path; the root path is "". */
    public record Document(JsonNode root, Map<String, int[]> locations, int line) {
        /** {line, column} of the path, or of its nearest ancestor that has one. */
        public int[] locate(String path) {
            String p = path;
            while (true) {
                int[] loc = locations.get(p);
                if (loc != null) {
                    return loc;
                }
                if (p.isEmpty()) {
                    return new int[]{line, 1};
                }
                int dot = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
                p = dot <= 0 ? "" : p.substring(0, dot);
            }
        }
    }

    private LocatedYaml() {
    }

    /**
     * Parses every document of a YAML stream; empty documents are skipped.
     *
     * @throws InvalidInputException on a syntax error, located
     */
    public static List<Document> parse(String file, String text) throws InvalidInputException {
        List<Document> docs = new ArrayList<>();
        try (JsonParser p = MAPPER.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                TokenStreamLocation start = p.currentTokenLocation();
                Map<String, int[]> locs = new HashMap<>();
                JsonNode root = read(p, t, "", locs);
                if (!root.isNull()) {
                    docs.add(new Document(root, locs, (int) start.getLineNr()));
                }
            }
        } catch (JacksonException e) {
            if (e.getCause() instanceof MarkedYamlEngineException y && y.getProblemMark().isPresent()) {
                // SnakeYAML knows best where and what: "expected ',' or '}', but got <stream end>".
                var mark = y.getProblemMark().get();
                String context = y.getContext() == null ? "" : " (" + y.getContext()
                        + y.getContextMark().map(m -> " that starts at line " + (m.getLine() + 1)).orElse("") + ")";
                throw new InvalidInputException(new YamlProblem(file, mark.getLine() + 1, mark.getColumn() + 1, "",
                        "invalid YAML: " + y.getProblem() + context));
            }
            TokenStreamLocation loc = e.getLocation();
            String msg = e.getOriginalMessage();
            throw new InvalidInputException(new YamlProblem(file, loc == null ? 0 : (int) loc.getLineNr(),
                    loc == null ? 0 : (int) loc.getColumnNr(), "", "invalid YAML: " + firstLine(msg)));
        }
        return docs;
    }

    private static JsonNode read(JsonParser p, JsonToken t, String path, Map<String, int[]> locs) {
        TokenStreamLocation loc = p.currentTokenLocation();
        locs.putIfAbsent(path, new int[]{(int) loc.getLineNr(), (int) loc.getColumnNr()});
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = f.objectNode();
                JsonToken k;
                while ((k = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                    String name = p.currentName();
                    String child = path.isEmpty() ? name : path + "." + name;
                    TokenStreamLocation kl = p.currentTokenLocation();
                    locs.put(child, new int[]{(int) kl.getLineNr(), (int) kl.getColumnNr()});
                    o.set(name, read(p, p.nextToken(), child, locs));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = f.arrayNode();
                JsonToken v;
                int i = 0;
                while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
                    a.add(read(p, v, path + "[" + i++ + "]", locs));
                }
                return a;
            }
            case VALUE_STRING -> {
                return f.stringNode(p.getString());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> f.numberNode(p.getIntValue());
                    case LONG -> f.numberNode(p.getLongValue());
                    default -> f.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return f.numberNode(p.getDecimalValue());
            }
            case VALUE_TRUE -> {
                return f.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return f.booleanNode(false);
            }
            case VALUE_NULL -> {
                return f.nullNode();
            }
            default -> {
                return f.stringNode(p.getString());
            }
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
