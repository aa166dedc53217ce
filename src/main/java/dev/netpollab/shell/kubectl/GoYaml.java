package dev.netpollab.shell.kubectl;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;
import tools.jackson.dataformat.yaml.util.StringQuotingChecker;

import java.util.regex.Pattern;

/**
 * YAML as kubectl writes it: sigs.k8s.io/yaml turns the JSON into YAML with go-yaml, so keys are sorted, lists sit at
 * their key's indentation, multi-line strings are literal blocks, and a string that YAML 1.1 would read as something
 * else is double-quoted: numbers, booleans such as {@code yes}/{@code on}, null, and timestamps (so
 * {@code creationTimestamp: "2026-01-01T10:00:00Z"} keeps its type when another tool reads it back).
 */
public final class GoYaml {
    /** YAML 1.1's timestamp type, which go-yaml resolves and therefore quotes when it is meant as a string. */
    private static final Pattern TIMESTAMP = Pattern.compile(
            "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(([Tt]|[ \\t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\\.[0-9]*)?([ \\t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?)?");
    private static final Pattern YAML11_BOOL = Pattern.compile("y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
    private static final Pattern YAML11_NUMBER = Pattern.compile("[-+]?(0b[0-1_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?"
            + "|\\.[0-9_]+([eE][-+]?[0-9]+)?|[1-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?|\\.(inf|Inf|INF))|\\.(nan|NaN|NAN)");

    private static final class GoQuoting extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || TIMESTAMP.matcher(value).matches() || YAML11_BOOL.matcher(value).matches()
                    || YAML11_NUMBER.matcher(value).matches() || value.equals("~") || value.equalsIgnoreCase("null");
        }
    }

    private static final YAMLMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder().stringQuotingChecker(new GoQuoting()).build())
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLWriteFeature.LITERAL_BLOCK_STYLE)
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER).build();

    private GoYaml() {
    }

    /** {@code kubectl -o yaml} of an object or a List. */
    public static String of(Object kubernetesObject) {
        return of(GoJson.tree(kubernetesObject));
    }

    public static String of(JsonNode sortedTree) {
        return MAPPER.writeValueAsString(sortedTree);
    }
}
