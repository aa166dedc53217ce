package dev.netpollab.scenario;

/**
 * Text from a file or the API made safe to print: terminal escape sequences (which can retitle a window, clear
 * the screen or draw a fake green "PASS") and other control characters are removed, so only the text remains.
 * Line breaks and tabs stay.
 */
public final class Printable {
    private Printable() {
    }

    /** The text without escape sequences or control characters; null stays null. */
    public static String strip(String s) {
        if (s == null || s.chars().allMatch(c -> c >= 0x20 && c != 0x7F && !(c >= 0x80 && c <= 0x9F) && !bidi(c) || c == '\n' || c == '\t')) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == 0x1B || c == 0x9B || c == 0x9D || c == 0x90) {
                i = skipSequence(s, i);
                continue;
            }
            if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7F && !(c >= 0x80 && c <= 0x9F) && !bidi(c))) {
                b.append(c);
            } else if (c == '\r' && (i + 1 >= s.length() || s.charAt(i + 1) != '\n')) {
                b.append('\n');
            }
            i++;
        }
        return b.toString();
    }

    /** One line of text (a title, a name): as {@link #strip}, with line breaks and tabs turned into spaces. */
    public static String line(String s) {
        String t = strip(s);
        return t == null ? null : t.replace('\n', ' ').replace('\t', ' ');
    }

    /** Bidirectional overrides and isolates, which can make text read backwards (CVE-2021-42574). */
    private static boolean bidi(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    /** Index just after the escape sequence that starts at i: CSI (ESC [ ... final), OSC/DCS (up to BEL or ST), or ESC + one. */
    private static int skipSequence(String s, int i) {
        char c = s.charAt(i);
        int j = i + 1;
        boolean csi = c == 0x9B;
        boolean string = c == 0x9D || c == 0x90;
        if (c == 0x1B && j < s.length()) {
            char n = s.charAt(j);
            if (n == '[') {
                csi = true;
                j++;
            } else if (n == ']' || n == 'P' || n == '_' || n == '^' || n == 'X') {
                string = true;
                j++;
            } else {
                return j + 1;
            }
        }
        if (csi) {
            while (j < s.length() && !(s.charAt(j) >= 0x40 && s.charAt(j) <= 0x7E)) {
                j++;
            }
            return Math.min(s.length(), j + 1);
        }
        if (string) {
            while (j < s.length()) {
                char d = s.charAt(j);
                if (d == 0x07 || d == 0x9C) {
                    return j + 1;
                }
                if (d == 0x1B && j + 1 < s.length() && s.charAt(j + 1) == '\\') {
                    return j + 2;
                }
                j++;
            }
            return s.length();
        }
        return j;
    }
}
