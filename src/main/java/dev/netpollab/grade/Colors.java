package dev.netpollab.grade;

/** ANSI colour for terminals that support it; plain text otherwise. */
public record Colors(boolean enabled) {
    public static final Colors NONE = new Colors(false);

    /**
     * Colour only on an interactive, non-dumb terminal, unless NO_COLOR is set (https://no-color.org) or
     * the user asked for none.
     */
    public static Colors detect(boolean noColorFlag) {
        String term = System.getenv("TERM");
        boolean tty = System.console() != null;
        return new Colors(!noColorFlag && tty && System.getenv("NO_COLOR") == null && term != null && !term.equals("dumb"));
    }

    public String green(String s) {
        return wrap("32", s);
    }

    public String red(String s) {
        return wrap("31", s);
    }

    public String yellow(String s) {
        return wrap("33", s);
    }

    public String bold(String s) {
        return wrap("1", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }

    public String ok(boolean pass) {
        return pass ? green("✓") : red("✗");
    }

    private String wrap(String code, String s) {
        return enabled ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }

    /** Visible width of a string that may hold ANSI escapes. */
    public static int width(String s) {
        return s.replaceAll("\u001b\\[[0-9;]*m", "").codePointCount(0, s.replaceAll("\u001b\\[[0-9;]*m", "").length());
    }
}
