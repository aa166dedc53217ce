package dev.netpollab.scenario;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Scalars read as kubectl reads them. kubectl turns YAML into JSON with sigs.k8s.io/yaml, which resolves plain
 * scalars with go-yaml v2's YAML 1.1 rules: {@code 0120} is octal 80, {@code 0x1F} hex, {@code 1_000} a thousand,
 * {@code yes}/{@code on}/{@code y} are true, {@code ~} is null, timestamps stay text. The JSON it then sends
 * prints a whole float as an integer ({@code 80.0} is 80). Quoted and block scalars are always text.
 */
final class YamlScalars {
    static final String TAG_PREFIX = "tag:yaml.org,2002:";

    /** Which rules turn plain text into values. */
    enum Schema {
        /** Kubernetes manifests: go-yaml v2's YAML 1.1 rules and Go's JSON, as kubectl reads them. */
        KUBECTL,
        /**
         * netpol-lab's own files (scenarios, exam sets): the YAML 1.2 core schema, so that a pod named {@code y} or a
         * label value {@code no} stays the text the author wrote; only true/false are booleans, 0120 is 120.
         */
        CORE
    }

    private static final Pattern CORE_INT = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern CORE_OCT = Pattern.compile("0o[0-7]+");
    private static final Pattern CORE_HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Pattern YAML_FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
    private static final Pattern DOT_FLOAT = Pattern.compile("\\.[0-9]+([eE][-+]?[0-9]+)?");
    /** The YAML null, distinct from Java's null in the table of words. */
    private static final Object NULL = new Object();
    private static final Map<String, Object> WORDS = words();

    private YamlScalars() {
    }

    /** A scalar that cannot be what its tag says, or that JSON cannot carry; the message reads like go-yaml's. */
    static final class BadScalar extends Exception {
        private static final long serialVersionUID = 1L;

        BadScalar(String message) {
            super(message);
        }
    }

    private static Map<String, Object> words() {
        Map<String, Object> m = new java.util.HashMap<>();
        for (String s : new String[]{"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}) {
            m.put(s, Boolean.TRUE);
        }
        for (String s : new String[]{"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}) {
            m.put(s, Boolean.FALSE);
        }
        for (String s : new String[]{"", "~", "null", "Null", "NULL"}) {
            m.put(s, NULL);
        }
        for (String s : new String[]{".nan", ".NaN", ".NAN"}) {
            m.put(s, Double.NaN);
        }
        for (String s : new String[]{".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}) {
            m.put(s, Double.POSITIVE_INFINITY);
        }
        for (String s : new String[]{"-.inf", "-.Inf", "-.INF"}) {
            m.put(s, Double.NEGATIVE_INFINITY);
        }
        return Map.copyOf(m);
    }

    /** True for the merge key {@code <<} (plain, or tagged {@code !!merge}). */
    static boolean isMergeKey(String tag, String value, boolean plain) {
        return "<<".equals(value) && (tag == null ? plain : tag.equals(TAG_PREFIX + "merge"));
    }

    /**
     * The value as Java sees it: Boolean, Long, BigInteger, Double, String, or {@link #NULL}.
     *
     * @param tag   the explicit tag (full form), or null
     * @param plain an unquoted flow scalar (only those are resolved implicitly)
     */
    private static Object value(String tag, String text, boolean plain, Schema schema) throws BadScalar {
        if (tag == null || tag.equals("!")) {
            return plain && tag == null ? implicit(text, schema) : text;
        }
        String t = tag.startsWith(TAG_PREFIX) ? tag.substring(TAG_PREFIX.length()) : null;
        if (t == null) {
            return text; // a local tag such as !foo: go-yaml keeps the text
        }
        switch (t) {
            case "str", "timestamp" -> {
                return text;
            }
            case "binary" -> {
                try {
                    return new String(Base64.getMimeDecoder().decode(text.replaceAll("\\s", "")), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new BadScalar("!!binary value contains invalid base64 data");
                }
            }
            case "int", "float", "bool", "null" -> {
                Object v = implicit(text, schema);
                boolean ok = switch (t) {
                    case "int" -> v instanceof Long || v instanceof BigInteger;
                    case "float" -> v instanceof Double || v instanceof Long || v instanceof BigInteger;
                    case "bool" -> v instanceof Boolean;
                    default -> v == NULL;
                };
                if (!ok) {
                    throw new BadScalar("cannot decode " + shortTag(v) + " `" + text + "` as a !!" + t);
                }
                return t.equals("float") && !(v instanceof Double) ? Double.valueOf(new BigDecimal(v.toString()).doubleValue()) : v;
            }
            default -> {
                return text;
            }
        }
    }

    private static String shortTag(Object v) {
        if (v instanceof Boolean) {
            return "!!bool";
        }
        if (v instanceof Long || v instanceof BigInteger) {
            return "!!int";
        }
        if (v instanceof Double) {
            return "!!float";
        }
        return v == NULL ? "!!null" : "!!str";
    }

    private static Object implicit(String in, Schema schema) {
        return schema == Schema.KUBECTL ? implicit(in) : core(in);
    }

    /** The YAML 1.2 core schema (§10.3.2) for an untagged plain scalar. */
    private static Object core(String in) {
        switch (in) {
            case "", "~", "null", "Null", "NULL" -> {
                return NULL;
            }
            case "true", "True", "TRUE" -> {
                return Boolean.TRUE;
            }
            case "false", "False", "FALSE" -> {
                return Boolean.FALSE;
            }
            case ".nan", ".NaN", ".NAN" -> {
                return Double.NaN;
            }
            case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-.inf", "-.Inf", "-.INF" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> {
                BigInteger i = CORE_INT.matcher(in).matches() ? new BigInteger(in.startsWith("+") ? in.substring(1) : in)
                        : CORE_OCT.matcher(in).matches() ? new BigInteger(in.substring(2), 8)
                        : CORE_HEX.matcher(in).matches() ? new BigInteger(in.substring(2), 16) : null;
                if (i != null) {
                    return i.bitLength() < 64 ? (Object) i.longValue() : i;
                }
                return YAML_FLOAT.matcher(in).matches() ? Double.valueOf(in) : in;
            }
        }
    }

    /** go-yaml v2's resolve() for an untagged plain scalar. */
    private static Object implicit(String in) {
        char c = in.isEmpty() ? 'N' : in.charAt(0);
        boolean hinted = "+-0123456789yYnNtTfFoO~.".indexOf(c) >= 0 || in.isEmpty();
        if (!hinted) {
            return in;
        }
        Object w = WORDS.get(in);
        if (w != null) {
            return w;
        }
        if (c == '.') {
            return DOT_FLOAT.matcher(in).matches() ? Double.valueOf(in) : in;
        }
        if (c == '+' || c == '-' || Character.isDigit(c)) {
            String plain = in.replace("_", "");
            BigInteger i = goParseInt(plain);
            if (i != null) {
                return i.bitLength() < 64 ? (Object) i.longValue() : i;
            }
            if (YAML_FLOAT.matcher(plain).matches()) {
                return Double.valueOf(plain);
            }
        }
        return in;
    }

    /** Go's strconv.ParseInt(s, 0, ...): sign, then 0x/0o/0b prefixes or a leading 0 for octal; no range limit here. */
    private static BigInteger goParseInt(String s) {
        boolean neg = false;
        String d = s;
        if (d.startsWith("+") || d.startsWith("-")) {
            neg = d.charAt(0) == '-';
            d = d.substring(1);
        }
        if (d.isEmpty()) {
            return null;
        }
        int radix = 10;
        if (d.length() > 1 && d.charAt(0) == '0') {
            char p = Character.toLowerCase(d.charAt(1));
            if (p == 'x' || p == 'o' || p == 'b') {
                radix = p == 'x' ? 16 : p == 'o' ? 8 : 2;
                d = d.substring(2);
            } else {
                radix = 8;
                d = d.substring(1);
            }
        }
        if (d.isEmpty()) {
            return null;
        }
        for (int k = 0; k < d.length(); k++) {
            if (Character.digit(d.charAt(k), radix) < 0) {
                return null;
            }
        }
        BigInteger v = new BigInteger(d, radix);
        return neg ? v.negate() : v;
    }

    /**
     * The JSON value kubectl would send for this scalar.
     *
     * @throws BadScalar for a tag the text cannot satisfy, or a value JSON cannot carry (.nan, .inf)
     */
    static JsonNode json(String tag, String text, boolean plain, Schema schema) throws BadScalar {
        Object v = value(tag, text, plain, schema);
        if (v == NULL) {
            return F.nullNode();
        }
        if (v instanceof Boolean b) {
            return F.booleanNode(b);
        }
        if (v instanceof Long l) {
            return l == l.intValue() ? F.numberNode(l.intValue()) : F.numberNode(l);
        }
        if (v instanceof BigInteger b) {
            return F.numberNode(b);
        }
        if (v instanceof Double d) {
            if (schema == Schema.CORE) {
                return F.numberNode(d);
            }
            if (d.isNaN() || d.isInfinite()) {
                throw new BadScalar("json: unsupported value: " + text + " (JSON has no NaN or infinity)");
            }
            // Go's encoding/json prints a whole float below 1e21 without a fraction: 80.0 arrives as the integer 80.
            if (d == Math.rint(d) && Math.abs(d) < 1e21) {
                BigInteger whole = new BigDecimal(d).toBigIntegerExact();
                return whole.bitLength() < 32 ? F.numberNode(whole.intValue()) : whole.bitLength() < 64 ? F.numberNode(whole.longValue())
                        : F.numberNode(whole);
            }
            return F.numberNode(d);
        }
        return F.stringNode((String) v);
    }

    /**
     * A mapping key as JSON needs it (text): YAML 1.1 keys may be numbers or booleans, which kubectl turns into text.
     *
     * @throws BadScalar for a null key, or a number too large for go-yaml
     */
    static String key(String tag, String text, boolean plain, Schema schema) throws BadScalar {
        Object v = value(tag, text, plain, schema);
        if (v == NULL) {
            throw new BadScalar("a mapping key cannot be null");
        }
        if (v instanceof BigInteger) {
            if (schema == Schema.CORE) {
                return v.toString();
            }
            throw new BadScalar("unsupported map key: " + text);
        }
        if (v instanceof Double d) {
            float f = d.floatValue();
            if (Float.isNaN(f)) {
                return ".nan";
            }
            if (Float.isInfinite(f)) {
                return f > 0 ? ".inf" : "-.inf";
            }
            // Go's strconv.FormatFloat(v, 'g', -1, 32): shortest digits, exponent form below 1e-4 and from 1e6.
            BigDecimal b = new BigDecimal(Float.toString(f)).stripTrailingZeros();
            int exp = b.precision() - b.scale() - 1;
            if (exp >= -4 && exp < 6) {
                return b.toPlainString();
            }
            String digits = b.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (b.signum() < 0 ? "-" : "") + mantissa + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
        }
        return String.valueOf(v);
    }
}
