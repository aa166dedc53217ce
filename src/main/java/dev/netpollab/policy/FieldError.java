package dev.netpollab.policy;

/**
 * One validation failure, worded as the API server's {@code field.Error}:
 * {@code spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0/8": must be a valid CIDR ...}.
 *
 * @param value the offending value; null for Required and Forbidden, which print none
 */
public record FieldError(String path, Type type, Object value, String detail) {

    public enum Type {
        INVALID("Invalid value"), REQUIRED("Required value"), UNSUPPORTED("Unsupported value"), FORBIDDEN("Forbidden");

        private final String text;

        Type(String text) {
            this.text = text;
        }
    }

    public static FieldError invalid(String path, Object value, String detail) {
        return new FieldError(path, Type.INVALID, value, detail);
    }

    public static FieldError required(String path, String detail) {
        return new FieldError(path, Type.REQUIRED, null, detail);
    }

    public static FieldError forbidden(String path, String detail) {
        return new FieldError(path, Type.FORBIDDEN, null, detail);
    }

    public static FieldError unsupported(String path, Object value, String... supported) {
        StringBuilder d = new StringBuilder("supported values: ");
        for (int i = 0; i < supported.length; i++) {
            d.append(i == 0 ? "" : ", ").append('"').append(supported[i]).append('"');
        }
        return new FieldError(path, Type.UNSUPPORTED, value, d.toString());
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(path).append(": ").append(type.text);
        if (type == Type.INVALID || type == Type.UNSUPPORTED) {
            s.append(": ").append(value instanceof String str ? quote(str) : String.valueOf(value));
        }
        if (detail != null && !detail.isEmpty()) {
            s.append(": ").append(detail);
        }
        return s.toString();
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
