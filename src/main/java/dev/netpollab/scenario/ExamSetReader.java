package dev.netpollab.scenario;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads a {@code kind: ExamSet} document. Scenario references are checked by the library once all is loaded. */
final class ExamSetReader {
    private static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "minutes", "passPercent", "tasks");
    private static final Set<String> META = Set.of("name", "title");
    private static final Set<String> TASK = Set.of("scenario", "weight");

    private ExamSetReader() {
    }

    static Optional<ExamSet> read(String file, LocatedYaml.Document doc, List<YamlProblem> problems) {
        int before = problems.size();
        JsonNode root = doc.root();
        FieldReader r = new FieldReader(file, doc, "exam set " + root.path("metadata").path("name").asString(""), problems);
        r.mapping(root, "", TOP);
        String apiVersion = r.text(root, "", "apiVersion", true);
        if (apiVersion != null && !ScenarioReader.API_VERSION.equals(apiVersion)) {
            r.error("apiVersion", "Unsupported value: \"" + apiVersion + "\": supported values: \"" + ScenarioReader.API_VERSION + "\"");
        }
        JsonNode meta = root.get("metadata");
        String name = null;
        String title = null;
        if (r.mapping(meta, "metadata", META)) {
            name = r.text(meta, "metadata", "name", true);
            title = Printable.line(r.text(meta, "metadata", "title", false));
        } else {
            r.error("metadata", "Required value");
        }
        Integer minutes = r.integer(root, "", "minutes", true);
        if (minutes != null && (minutes < 1 || minutes > 240)) {
            r.error("minutes", "Invalid value: " + minutes + ": must be between 1 and 240");
        }
        Integer pass = r.integer(root, "", "passPercent", false);
        if (pass != null && (pass < 1 || pass > 100)) {
            r.error("passPercent", "Invalid value: " + pass + ": must be between 1 and 100");
        }
        List<ExamSet.Task> tasks = new ArrayList<>();
        List<JsonNode> ts = r.list(root, "", "tasks", true);
        for (int i = 0; i < ts.size(); i++) {
            String p = "tasks[" + i + "]";
            if (!r.mapping(ts.get(i), p, TASK)) {
                continue;
            }
            String scenario = r.text(ts.get(i), p, "scenario", true);
            Integer weight = r.integer(ts.get(i), p, "weight", false);
            if (weight != null && (weight < 1 || weight > 100)) {
                r.error(p + ".weight", "Invalid value: " + weight + ": must be between 1 and 100");
            }
            if (scenario != null) {
                tasks.add(new ExamSet.Task(scenario, weight == null ? 1 : weight));
            }
        }
        if (root.has("tasks") && tasks.isEmpty() && problems.size() == before) {
            r.error("tasks", "must list at least one task");
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ExamSet(file, name, title == null ? name : title, minutes, pass == null ? 67 : pass, tasks));
    }
}
