package dev.netpollab.cli;

import dev.netpollab.grade.Colors;
import dev.netpollab.grade.Grade;
import dev.netpollab.grade.GradeRenderer;
import dev.netpollab.grade.Grader;
import dev.netpollab.lab.OfflineCluster;
import dev.netpollab.policy.FieldError;
import dev.netpollab.policy.PolicyValidator;
import dev.netpollab.probe.ModelProber;
import dev.netpollab.scenario.InvalidInputException;
import dev.netpollab.scenario.KubeYaml;
import dev.netpollab.scenario.Manifests;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.YamlProblem;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "check", description = {"Grade policy files against a scenario with the policy engine, without starting a lab.",
        "The files are taken as the complete, final set of NetworkPolicies: they replace the broken ones."},
        footer = {"", "Exit status: 0 on pass, 1 on fail, 2 on invalid input."})
public class CheckCommand implements Callable<Integer> {
    @Option(names = "--scenario", required = true, paramLabel = "ID", description = "The scenario to grade against.")
    String scenarioId;

    @Option(names = "--policies", required = true, paramLabel = "FILE_OR_DIR", description = "NetworkPolicy YAML: a file or a directory.")
    Path policies;

    @Option(names = "--report", paramLabel = "DIR", description = "Also write report.md, report.json and junit.xml to DIR.")
    Path report;

    @Mixin
    LibraryOptions library;

    @Mixin
    ColorOption color;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InvalidInputException, IOException {
        Scenario s = Library.load(library, spec.commandLine().getErr()).require(scenarioId);
        List<NetworkPolicy> nps = readPolicies(policies);
        Grade g = new Grader().grade(s, OfflineCluster.snapshot(s, nps), new ModelProber());
        PrintWriter out = spec.commandLine().getOut();
        out.println(s.id() + ": " + s.title());
        GradeRenderer.render(g, Colors.detect(color.noColor)).forEach(out::println);
        if (report != null) {
            try {
                dev.netpollab.grade.ReportWriter.write(new dev.netpollab.grade.Report("netpol-lab check: " + s.title(), g.at(),
                        "policy files checked on the engine", List.of(new dev.netpollab.grade.Report.Task(s, g, 1, java.time.Duration.ZERO)), null), report);
                out.println("Report written to " + report + "/ (report.md, report.json, junit.xml)");
            } catch (IOException | RuntimeException e) {
                // The grade is the answer and keeps its exit code; a report that cannot be written is a warning.
                spec.commandLine().getErr().println("warning: the report could not be written to " + report + " ("
                        + dev.netpollab.scenario.IoMessages.of(e) + ")");
            }
        }
        if (g.passed() && !s.explanation().isBlank()) {
            out.println();
            out.println(s.explanation().strip());
        }
        return g.passed() ? 0 : 1;
    }

    /** Only NetworkPolicies count; a policy without namespace lands in default, as kubectl apply would put it. */
    static List<NetworkPolicy> readPolicies(Path path) throws InvalidInputException {
        List<YamlProblem> problems = new ArrayList<>();
        List<YamlProblem> warnings = new ArrayList<>();
        List<Path> files = Manifests.expand(List.of(path), problems, warnings);
        problems.addAll(warnings);
        if (problems.isEmpty() && files.isEmpty()) {
            throw new InvalidInputException(new YamlProblem(path.toString(), 0, 0, "", "no YAML files (*.yaml, *.yml) found"));
        }
        List<NetworkPolicy> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path f : files) {
            KubeYaml.Result r = KubeYaml.readAll(f, "NetworkPolicy", "the policies to check");
            problems.addAll(r.problems());
            for (KubeYaml.KubeObject ko : r.objects()) {
                NetworkPolicy np = (NetworkPolicy) ko.object();
                if (np.getMetadata().getNamespace() == null) {
                    np.getMetadata().setNamespace("default");
                }
                List<FieldError> errors = PolicyValidator.validate(np);
                errors.forEach(e -> problems.add(ko.problem(e.path(), e.toString())));
                if (errors.isEmpty() && names.add(np.getMetadata().getNamespace() + "/" + np.getMetadata().getName())) {
                    out.add(np);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return out;
    }
}
