package dev.netpollab.shell.kubectl;

import dev.netpollab.shell.ShellError;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses {@code k=v,k2=v2} selectors as kubectl's {@code -l} does (equality only). */
final class Labels {
    private Labels() {
    }

    static Map<String, String> parseSelector(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            int eq = p.indexOf("==") >= 0 ? p.indexOf("==") : p.indexOf('=');
            if (eq <= 0) {
                throw new ShellError("the built-in kubectl supports -l k=v[,k2=v2] selectors, not \"" + part + "\"");
            }
            out.put(p.substring(0, eq), p.substring(p.indexOf('=', eq) + (p.startsWith("==", eq) ? 2 : 1)));
        }
        return out;
    }
}
