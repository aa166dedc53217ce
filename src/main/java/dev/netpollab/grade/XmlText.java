package dev.netpollab.grade;

import javax.xml.stream.XMLStreamWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/** Text made fit for XML 1.0, which forbids most control characters even when escaped (junit.xml must always parse). */
final class XmlText {
    private XmlText() {
    }

    /** Keeps #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]; drops the rest. */
    static String legal(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF)).forEach(b::appendCodePoint);
        return b.toString();
    }

    /** A writer that passes every text and attribute value through {@link #legal} first. */
    static XMLStreamWriter filtering(XMLStreamWriter w) {
        return (XMLStreamWriter) Proxy.newProxyInstance(XMLStreamWriter.class.getClassLoader(), new Class<?>[]{XMLStreamWriter.class},
                (proxy, method, args) -> {
                    if (args != null && method.getName().startsWith("write") && !method.getName().equals("writeStartDocument")) {
                        for (int i = 0; i < args.length; i++) {
                            if (args[i] instanceof String s) {
                                args[i] = legal(s);
                            }
                        }
                    }
                    try {
                        return method.invoke(w, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
