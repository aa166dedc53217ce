package dev.netpollab.scenario;

/**
 * One thing wrong with a user's file, located for a human: {@code file:line:column: object: message}.
 *
 * @param line   1-based; 0 when unknown
 * @param column 1-based; 0 when unknown
 * @param object what the problem is in, e.g. {@code NetworkPolicy shop/db-ingress} or {@code scenario 07-or-vs-and}; may be empty
 */
public record YamlProblem(String file, int line, int column, String object, String message) {

    @Override
    public String toString() {
        // File names and messages can carry what a hostile file put in them; only text is printed.
        StringBuilder s = new StringBuilder(file == null ? "<input>" : Printable.line(file));
        if (line > 0) {
            s.append(':').append(line);
            if (column > 0) {
                s.append(':').append(column);
            }
        }
        s.append(": ");
        if (object != null && !object.isEmpty()) {
            s.append(Printable.line(object)).append(": ");
        }
        return s.append(Printable.strip(message)).toString();
    }
}
