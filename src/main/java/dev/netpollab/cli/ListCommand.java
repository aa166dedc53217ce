package dev.netpollab.cli;

import dev.netpollab.exam.ProgressStore;
import dev.netpollab.exam.ScenarioListView;
import dev.netpollab.grade.Colors;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "list", description = {"List the scenarios with your progress: id, title, difficulty, suggested minutes and topics.",
        "Progress is read from NETPOL_LAB_HOME (default ~/.netpol-lab): ✓ passed, ✓* passed after revealing the solution, … started."})
public class ListCommand implements Callable<Integer> {
    enum Format { table, json }

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Mixin
    LibraryOptions library;

    @Mixin
    ColorOption color;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ScenarioLibrary lib = Library.load(library, spec.commandLine().getErr());
        ProgressStore progress = ProgressStore.open();
        progress.warning().ifPresent(w -> spec.commandLine().getErr().println("warning: " + w));
        if (format == Format.json) {
            JsonMapper m = JsonMapper.builder().build();
            ObjectNode root = m.createObjectNode();
            ArrayNode arr = root.putArray("scenarios");
            for (Scenario s : lib.scenarios()) {
                ObjectNode o = arr.addObject();
                o.put("id", s.id());
                o.put("title", s.title());
                o.put("difficulty", s.meta().difficulty().label());
                s.meta().topics().forEach(o.putArray("topics")::add);
                o.put("minutes", s.meta().minutes());
                o.put("source", s.source());
                progress(o.putObject("progress"), progress.get(s.id()));
            }
            ArrayNode exams = root.putArray("exams");
            lib.exams().forEach(e -> exams.addObject().put("name", e.name()).put("title", e.title()).put("minutes", e.minutes())
                    .put("tasks", e.tasks().size()));
            out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            return 0;
        }
        ScenarioListView.render(lib.scenarios(), progress, Colors.detect(color.noColor), s -> false,
                "Start one in the shell (netpol-lab) with: start ID", 0).forEach(out::println);
        return 0;
    }

    /** The learner's record of one scenario; a scenario never tried has zeros and nulls. */
    private static void progress(ObjectNode o, ProgressStore.Entry e) {
        o.put("status", e.passes() > 0 ? "passed" : e.attempts() > 0 ? "started" : "new");
        o.put("attempts", e.attempts());
        o.put("passes", e.passes());
        o.put("mastered", e.mastered());
        o.put("hintsUsed", e.hintsUsed());
        o.put("revealed", e.revealed());
        o.put("firstPassSeconds", e.firstPassSeconds());
        o.put("bestSeconds", e.bestSeconds());
        o.put("lastScore", e.attempts() > 0 ? (Double) e.lastScore() : null);
        o.put("lastAttempt", e.lastAttempt() == null ? null : e.lastAttempt().toString());
    }
}
