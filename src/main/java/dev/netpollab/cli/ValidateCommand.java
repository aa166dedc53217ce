package dev.netpollab.cli;

import dev.netpollab.grade.Colors;
import dev.netpollab.grade.MutationSelfTest;
import dev.netpollab.grade.ScenarioSelfTest;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.scenario.YamlProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "validate", description = {"Load and self-test scenario files: the broken state must fail at least one row (a target),",
        "the reference solution must pass all; each needs traffic that must flow and traffic that must be blocked,",
        "two hints and an explanation. Then the mutation test: every wrong repair generated from the solution",
        "(ports dropped, selectors widened, AND/OR peers, policyTypes, ipBlocks, endPort, protocols, rules and",
        "policies deleted or renamed...) must fail at least one expectation or check; for each survivor it names the",
        "probe or decoy that would catch it. Without PATH, the built-in library is validated."},
        footer = {"", "Exit status: 0 when every scenario is sound, 1 otherwise."})
public class ValidateCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Scenario files or directories.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--mutants", description = "List every mutant of each solution with its fate (killed, equivalent, survived, accepted).")
    boolean listMutants;

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Colors c = Colors.detect(global.noColor);
        List<Path> all = new ArrayList<>(paths);
        all.addAll(global.scenarioDirs);
        ScenarioLibrary lib = paths.isEmpty() ? ScenarioLibrary.load(global.scenarioDirs) : ScenarioLibrary.loadPaths(all);
        int bad = 0;
        for (YamlProblem p : lib.problems()) {
            out.println(c.red("✗ ") + p);
            bad++;
        }
        long killed = 0;
        long survived = 0;
        long accepted = 0;
        for (Scenario s : lib.scenarios()) {
            ScenarioSelfTest.Result r = ScenarioSelfTest.run(s);
            killed += r.mutations().count(MutationSelfTest.Fate.KILLED);
            survived += r.mutations().count(MutationSelfTest.Fate.SURVIVED);
            accepted += r.mutations().count(MutationSelfTest.Fate.ACCEPTED);
            if (r.ok()) {
                out.println(c.green("✓ ") + s.id() + c.dim("  " + s.meta().difficulty().label() + ", " + s.expect().size() + " expectations, "
                        + s.checks().size() + " checks; " + mutants(r.mutations())));
            } else {
                bad++;
                out.println(c.red("✗ ") + s.id() + " (" + s.source() + ")");
                r.failures().forEach(f -> out.println("    " + f.replace("\n", "\n    ")));
            }
            if (listMutants) {
                r.mutations().outcomes().forEach(o -> out.println("      " + o.fate().name().toLowerCase(java.util.Locale.ROOT) + "  "
                        + o.mutant().id() + c.dim(" — " + o.mutant().description())));
            }
        }
        out.printf("%n%d scenario(s), %d exam set(s), %d mutants: %d killed, %d survived, %d accepted: %s%n", lib.scenarios().size(),
                lib.exams().size(), killed + survived + accepted, killed, survived, accepted, bad == 0 ? c.green("all sound") : c.red(bad + " problem(s)"));
        if (lib.scenarios().isEmpty() && lib.problems().isEmpty()) {
            out.println("no scenario found (files need kind: Scenario)");
            return 1;
        }
        return bad == 0 ? 0 : 1;
    }

    private static String mutants(MutationSelfTest.Result m) {
        long wrong = m.count(MutationSelfTest.Fate.KILLED) + m.count(MutationSelfTest.Fate.SURVIVED) + m.count(MutationSelfTest.Fate.ACCEPTED);
        long accepted = m.count(MutationSelfTest.Fate.ACCEPTED);
        return m.count(MutationSelfTest.Fate.KILLED) + "/" + wrong + " wrong mutants killed" + (accepted > 0 ? ", " + accepted + " accepted" : "");
    }
}
