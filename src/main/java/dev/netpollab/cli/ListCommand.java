package dev.netpollab.cli;

import dev.netpollab.grade.TextTable;
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

@Command(name = "list", description = "List the scenarios: id, title, difficulty, topics and suggested minutes.")
public class ListCommand implements Callable<Integer> {
    enum Format { table, json }

    @Option(names = "--format", defaultValue = "table", description = "table or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ScenarioLibrary lib = Library.load(global, spec.commandLine().getErr());
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
            }
            ArrayNode exams = root.putArray("exams");
            lib.exams().forEach(e -> exams.addObject().put("name", e.name()).put("title", e.title()).put("minutes", e.minutes())
                    .put("tasks", e.tasks().size()));
            out.println(m.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            return 0;
        }
        TextTable t = new TextTable("ID", "TITLE", "DIFFICULTY", "MIN", "TOPICS");
        for (Scenario s : lib.scenarios()) {
            t.row(s.id(), s.title(), s.meta().difficulty().label(), s.meta().minutes(), String.join(", ", s.meta().topics()));
        }
        t.lines().forEach(out::println);
        out.printf("%n%d scenarios. Start one in the shell with: start ID%n", lib.scenarios().size());
        return 0;
    }
}
