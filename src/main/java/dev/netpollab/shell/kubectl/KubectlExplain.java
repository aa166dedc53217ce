package dev.netpollab.shell.kubectl;

import dev.netpollab.shell.ShellCommand;
import dev.netpollab.shell.ShellError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLAnchorReplayingFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kubectl explain networkpolicy[.spec.ingress...] [--recursive]}, in kubectl's layout (GROUP/KIND/VERSION,
 * FIELD, DESCRIPTION, FIELDS with {@code <type>}, {@code -required-} and enums). The schema and its descriptions are in
 * {@code explain/networkpolicy.yaml}, written for this project.
 */
@Command(name = "explain", description = "Document a NetworkPolicy field: explain networkpolicy[.spec.ingress.from...] [--recursive].")
public final class KubectlExplain extends ShellCommand {
    private static final int WIDTH = 80;

    @Parameters(index = "0", paramLabel = "RESOURCE[.FIELD...]")
    String path;

    @Option(names = "--recursive", description = "Show every field below, names and types only.")
    boolean recursive;

    @Option(names = "--api-version", paramLabel = "GROUP/VERSION")
    String apiVersion;

    @Option(names = {"-o", "--output"}, paramLabel = "plaintext")
    String output;

    private record Field(String name, String type, String description, boolean required, List<String> enums, List<Field> fields) {
    }

    private static final class Holder {
        static final JsonNode SCHEMA = load();

        private static JsonNode load() {
            try (InputStream in = KubectlExplain.class.getResourceAsStream("/explain/networkpolicy.yaml")) {
                return new YAMLMapper(new YAMLAnchorReplayingFactory()).readTree(in);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("explain/networkpolicy.yaml is missing from the build", e);
            }
        }
    }

    @Override
    protected void run() {
        if (output != null && !output.equals("plaintext") && !output.equals("plaintext-openapiv2")) {
            throw new ShellError("error: unsupported output format \"" + output + "\"; supported formats: plaintext");
        }
        String[] parts = path.split("\\.");
        String resource = parts[0];
        int first = 1;
        // networkpolicies.networking.k8s.io.spec: the group is part of the resource, not a field.
        if (path.startsWith(resource + ".networking.k8s.io")) {
            first = 4;
        }
        var type = ResourceType.find(resource).orElseThrow(() -> new ShellError("error: the server doesn't have a resource type \"" + resource + "\""));
        if (type != ResourceType.NETWORKPOLICY) {
            throw new ShellError("error: the built-in explain documents networkpolicy (its fields are what the exam asks about); "
                    + "for " + resource + " see the API reference at kubernetes.io/docs");
        }
        if (apiVersion != null && !apiVersion.equals("networking.k8s.io/v1") && !apiVersion.equals("v1")) {
            throw new ShellError("error: couldn't find resource for \"networking.k8s.io/" + apiVersion + ", Resource=networkpolicies\"");
        }
        JsonNode schema = Holder.SCHEMA;
        Field root = new Field("", schema.get("kind").asString(), schema.get("description").asString(), false, List.of(), fields(schema.get("fields")));
        Field at = root;
        List<String> walked = new ArrayList<>();
        for (int i = first; i < parts.length; i++) {
            String name = parts[i];
            Field next = at.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
            if (next == null) {
                throw new ShellError("error: field \"" + name + "\" does not exist");
            }
            walked.add(name);
            at = next;
        }
        PrintWriter out = s.out();
        out.println("GROUP:      " + schema.get("group").asString());
        out.println("KIND:       " + schema.get("kind").asString());
        out.println("VERSION:    " + schema.get("version").asString());
        out.println();
        if (at != root) {
            out.println("FIELD: " + at.name() + " <" + at.type() + ">" + (at.required() ? " -required-" : ""));
            if (!at.enums().isEmpty()) {
                out.println("ENUM:");
                at.enums().forEach(e -> out.println("    " + e));
            }
            out.println();
        }
        out.println("DESCRIPTION:");
        wrap(at.description(), 4).forEach(out::println);
        out.println("    ");
        if (at.fields().isEmpty()) {
            return;
        }
        out.println("FIELDS:");
        for (Field f : at.fields()) {
            print(f, 1, out);
            if (!recursive) {
                out.println();
            }
        }
        if (!recursive) {
            out.println();
        }
    }

    private void print(Field f, int depth, PrintWriter out) {
        String indent = "  ".repeat(depth);
        out.println(indent + f.name() + "\t<" + f.type() + ">" + (f.required() ? " -required-" : ""));
        if (!f.enums().isEmpty()) {
            out.println(indent + "enum: " + String.join(", ", f.enums()));
        }
        if (recursive) {
            f.fields().forEach(c -> print(c, depth + 1, out));
        } else {
            wrap(f.description(), depth * 2 + 2).forEach(out::println);
        }
    }

    /** Every path explain accepts, {@code networkpolicy.spec.ingress.from...}, for completion. */
    public static List<String> paths() {
        List<String> out = new ArrayList<>(List.of("networkpolicy"));
        collect("networkpolicy", fields(Holder.SCHEMA.get("fields")), out);
        return out;
    }

    private static void collect(String prefix, List<Field> fields, List<String> out) {
        for (Field f : fields) {
            out.add(prefix + "." + f.name());
            collect(prefix + "." + f.name(), f.fields(), out);
        }
    }

    private static List<Field> fields(JsonNode list) {
        List<Field> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (JsonNode f : list) {
            List<String> enums = new ArrayList<>();
            if (f.has("enum")) {
                f.get("enum").forEach(e -> enums.add(e.asString()));
            }
            out.add(new Field(f.get("name").asString(), f.get("type").asString(), f.get("description").asString().strip(),
                    f.has("required") && f.get("required").asBoolean(), enums, fields(f.get("fields"))));
        }
        return out;
    }

    /** Words wrapped to kubectl's 80 columns at an indent. */
    static List<String> wrap(String text, int indent) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(" ".repeat(indent));
        for (String word : text.split("\\s+")) {
            if (line.length() > indent && line.length() + 1 + word.length() > WIDTH) {
                lines.add(line.toString());
                line = new StringBuilder(" ".repeat(indent));
            }
            if (line.length() > indent) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }
}
