package dev.netpollab.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's list of the library, generated from the scenario files so that no count or title is kept by hand:
 * a table of every scenario (file number, id, title, level, minutes, topics) and of every mock-exam set. It lives
 * between two marker lines of the README; {@code make readme} rewrites it, and a test fails when it drifts.
 */
public final class LibraryListing {
    public static final String BEGIN = "<!-- library:begin (generated from scenarios/ by `make readme`; do not edit by hand) -->";
    public static final String END = "<!-- library:end -->";
    /** Every "N scenarios" of the README counts the whole library. */
    private static final Pattern COUNT = Pattern.compile("\\b\\d+ scenarios\\b");
    private static final Pattern FILE_NUMBER = Pattern.compile("(?:^|/)(\\d+)-[^/]*$");

    private LibraryListing() {
    }

    /** The generated block, markers included. */
    public static String markdown(ScenarioLibrary lib) {
        List<Scenario> all = lib.scenarios();
        Map<Difficulty, Integer> levels = new EnumMap<>(Difficulty.class);
        all.forEach(s -> levels.merge(s.meta().difficulty(), 1, Integer::sum));
        StringBuilder b = new StringBuilder(BEGIN).append("\n");
        b.append(all.size()).append(" scenarios: ");
        b.append(String.join(", ", java.util.Arrays.stream(Difficulty.values())
                .map(d -> levels.getOrDefault(d, 0) + " " + d.label()).toList()));
        b.append(" (rated by the rubric in [Writing scenarios](#writing-scenarios)).\n\n");
        b.append("| # | id | title | level | min | topics |\n|---|---|---|---|---|---|\n");
        for (Scenario s : all) {
            b.append("| ").append(fileNumber(s.source())).append(" | `").append(s.id()).append("` | ").append(cell(s.meta().title()))
                    .append(" | ").append(s.meta().difficulty().label()).append(" | ").append(s.meta().minutes()).append(" | ")
                    .append(cell(String.join(", ", s.meta().topics()))).append(" |\n");
        }
        b.append("\n| exam set | title | tasks | minutes | pass mark |\n|---|---|---|---|---|\n");
        for (ExamSet e : lib.exams().stream().sorted(java.util.Comparator.comparing(ExamSet::name)).toList()) {
            b.append("| `").append(e.name()).append("` | ").append(cell(e.title())).append(" | ").append(e.tasks().size()).append(" | ")
                    .append(e.minutes()).append(" | ").append(e.passPercent()).append(" % |\n");
        }
        return b.append(END).toString();
    }

    /**
     * The README with its library block replaced and every "N scenarios" set to the library's size.
     *
     * @throws UserError when the README lacks the two marker lines (nothing is guessed)
     */
    public static String rewrite(String readme, ScenarioLibrary lib) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new UserError("the README has no library block: put the lines \"" + BEGIN + "\" and \"" + END
                    + "\" where the list belongs");
        }
        String out = readme.substring(0, begin) + markdown(lib) + readme.substring(end + END.length());
        return COUNT.matcher(out).replaceAll(Matcher.quoteReplacement(lib.scenarios().size() + " scenarios"));
    }

    /** The README's current library block, markers included; empty when it has none. */
    public static String current(String readme) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        return begin < 0 || end < begin ? "" : readme.substring(begin, end + END.length());
    }

    /** Every "N scenarios" of a text, e.g. to check that none disagrees with the library. */
    public static List<String> counts(String text) {
        return COUNT.matcher(text).results().map(m -> m.group()).toList();
    }

    private static String fileNumber(String source) {
        Matcher m = FILE_NUMBER.matcher(source);
        return m.find() ? m.group(1) : "";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /** {@code LibraryListing SCENARIO_DIR README}: rewrites the README's library block from the files (make readme). */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: LibraryListing SCENARIO_DIR README.md");
            System.exit(2);
        }
        ScenarioLibrary lib = ScenarioLibrary.loadPaths(List.of(Path.of(args[0])));
        if (!lib.problems().isEmpty()) {
            lib.problems().forEach(p -> System.err.println(p));
            System.err.println("the library has problems: fix them first (netpol-lab validate " + args[0] + ")");
            System.exit(1);
        }
        Path readme = Path.of(args[1]);
        try {
            String before = Files.readString(readme, StandardCharsets.UTF_8);
            String after = rewrite(before, lib);
            if (!after.equals(before)) {
                Files.writeString(readme, after, StandardCharsets.UTF_8);
            }
            System.out.println(readme + ": " + lib.scenarios().size() + " scenarios, " + lib.exams().size() + " exam sets"
                    + (after.equals(before) ? " (already up to date)" : " (updated)"));
        } catch (UserError e) {
            System.err.println(readme + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
