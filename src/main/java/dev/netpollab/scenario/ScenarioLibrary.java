package dev.netpollab.scenario;

import dev.netpollab.policy.Suggest;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The loaded course: the built-in library (bundled in the jar from {@code scenarios/}) plus every
 * directory an instructor adds with {@code --scenarios}. Only documents of {@code kind: Scenario} are
 * scenarios; {@code kind: ExamSet} documents are mock-exam sets. Ids must be unique across all sources.
 */
public final class ScenarioLibrary {
    public static final String BUILTIN_PREFIX = "builtin:";
    private final List<Scenario> scenarios;
    private final List<ExamSet> exams;
    private final List<YamlProblem> problems;

    private ScenarioLibrary(List<Scenario> scenarios, List<ExamSet> exams, List<YamlProblem> problems) {
        this.scenarios = List.copyOf(scenarios);
        this.exams = List.copyOf(exams);
        this.problems = List.copyOf(problems);
    }

    /** The built-in library plus extra directories. */
    public static ScenarioLibrary load(List<Path> extraDirs) {
        Loader l = new Loader();
        l.builtin();
        extraDirs.forEach(l::path);
        return l.finish();
    }

    /** Only the given files or directories (e.g. {@code validate PATH...}). */
    public static ScenarioLibrary loadPaths(List<Path> paths) {
        Loader l = new Loader();
        paths.forEach(l::path);
        return l.finish();
    }

    /** Scenario files given as text, keyed by the name problems should cite (e.g. files a workshop server sent). */
    public static ScenarioLibrary fromTexts(Map<String, String> texts) {
        Loader l = new Loader();
        texts.forEach(l::read);
        return l.finish();
    }

    public List<Scenario> scenarios() {
        return scenarios;
    }

    public List<ExamSet> exams() {
        return exams;
    }

    /** Files that could not be loaded, each problem located. */
    public List<YamlProblem> problems() {
        return problems;
    }

    public Optional<Scenario> find(String id) {
        return scenarios.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The scenario, or a clear error with the closest id. */
    public Scenario require(String id) {
        return require(id, "`netpol-lab list`");
    }

    /** @param lister how to list the scenarios where the error is shown (the shell's `list`, the command line's `netpol-lab list`) */
    public Scenario require(String id, String lister) {
        return find(id).orElseThrow(() -> new UserError("unknown scenario \"" + id + "\""
                + Suggest.hint(id, scenarios.stream().map(Scenario::id).toList()) + "; " + lister + " shows them all"));
    }

    public Optional<ExamSet> exam(String name) {
        return exams.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    private static final class Loader {
        final List<Scenario> scenarios = new ArrayList<>();
        final List<ExamSet> exams = new ArrayList<>();
        final List<YamlProblem> problems = new ArrayList<>();

        void builtin() {
            URL url = ScenarioLibrary.class.getResource("/scenarios");
            if (url == null) {
                return;
            }
            try {
                URI uri = url.toURI();
                if ("jar".equals(uri.getScheme())) {
                    FileSystem fs;
                    try {
                        fs = FileSystems.newFileSystem(uri, Map.of());
                    } catch (FileSystemAlreadyExistsException e) {
                        fs = FileSystems.getFileSystem(uri);
                    }
                    walk(fs.getPath("/scenarios"), p -> BUILTIN_PREFIX + p.toString().substring(1));
                } else {
                    Path root = Path.of(uri);
                    walk(root, p -> BUILTIN_PREFIX + "scenarios/" + root.relativize(p).toString().replace('\\', '/'));
                }
            } catch (IOException | URISyntaxException e) {
                problems.add(new YamlProblem("builtin:scenarios", 0, 0, "", "cannot read the built-in library: " + e.getMessage()));
            }
        }

        void path(Path p) {
            List<YamlProblem> warnings = new ArrayList<>();
            for (Path f : Manifests.expand(List.of(p), problems, warnings)) {
                file(f, f.toString());
            }
            problems.addAll(warnings);
        }

        private void walk(Path root, java.util.function.Function<Path, String> name) throws IOException {
            List<Path> files;
            try (Stream<Path> s = Files.walk(root)) {
                files = s.filter(Files::isRegularFile).filter(Manifests::isYaml).sorted().toList();
            }
            for (Path f : files) {
                file(f, name.apply(f));
            }
        }

        private void file(Path f, String name) {
            String text;
            try {
                text = TextInput.read(f);
            } catch (TextInput.Unreadable u) {
                problems.add(new YamlProblem(name, u.line(), u.column(), "", u.getMessage()));
                return;
            } catch (IOException e) {
                problems.add(new YamlProblem(name, 0, 0, "", "cannot read: " + IoMessages.of(e)));
                return;
            }
            read(name, text);
        }

        void read(String name, String text) {
            List<LocatedYaml.Document> docs;
            try {
                docs = LocatedYaml.parse(name, text);
            } catch (InvalidInputException e) {
                problems.addAll(e.problems());
                return;
            }
            for (LocatedYaml.Document doc : docs) {
                try {
                    document(name, text, doc);
                } catch (RuntimeException e) {
                    // One file must never take the course down with it: it is skipped, with the reason.
                    problems.add(new YamlProblem(name, doc.line(), 0, "", "could not be read (" + e + "); please report this"));
                }
            }
        }

        private void document(String name, String text, LocatedYaml.Document doc) {
            String kind = doc.root().path("kind").asString("");
            if (kind.equals("Scenario")) {
                ScenarioReader.read(name, text, doc, problems).ifPresent(scenarios::add);
            } else if (kind.equals("ExamSet")) {
                ExamSetReader.read(name, doc, problems).ifPresent(exams::add);
            } else if (ScenarioReader.API_VERSION.equals(doc.root().path("apiVersion").asString(""))) {
                int[] loc = doc.locate("kind");
                problems.add(new YamlProblem(name, loc[0], loc[1], "", "kind: Unsupported value: \"" + kind
                        + "\": supported values: \"Scenario\", \"ExamSet\"" + Suggest.hint(kind, List.of("Scenario", "ExamSet"))));
            }
        }

        ScenarioLibrary finish() {
            Map<String, Scenario> byId = new LinkedHashMap<>();
            for (Scenario s : scenarios) {
                Scenario first = byId.putIfAbsent(s.id(), s);
                if (first != null) {
                    problems.add(new YamlProblem(s.source(), 1, 1, "scenario " + s.id(),
                            "metadata.id: Duplicate value: \"" + s.id() + "\" is already used by " + first.source()));
                }
            }
            Map<String, ExamSet> exByName = new HashMap<>();
            List<ExamSet> okExams = new ArrayList<>();
            for (ExamSet e : exams) {
                boolean ok = true;
                if (exByName.putIfAbsent(e.name(), e) != null) {
                    problems.add(new YamlProblem(e.source(), 1, 1, "exam set " + e.name(), "metadata.name: Duplicate value: \"" + e.name() + "\""));
                    ok = false;
                }
                for (int i = 0; i < e.tasks().size(); i++) {
                    String id = e.tasks().get(i).scenario();
                    if (!byId.containsKey(id)) {
                        problems.add(new YamlProblem(e.source(), 0, 0, "exam set " + e.name(), "tasks[" + i + "].scenario: unknown scenario \""
                                + id + "\"" + Suggest.hint(id, byId.keySet())));
                        ok = false;
                    }
                }
                if (ok) {
                    okExams.add(e);
                }
            }
            return new ScenarioLibrary(new ArrayList<>(byId.values()), okExams, problems);
        }
    }
}
