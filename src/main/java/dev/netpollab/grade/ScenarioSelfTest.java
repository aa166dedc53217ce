package dev.netpollab.grade;

import dev.netpollab.lab.OfflineCluster;
import dev.netpollab.probe.ModelProber;
import dev.netpollab.scenario.Expectation;
import dev.netpollab.scenario.Scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Proves a scenario is sound before a learner sees it: the broken state fails at least one row (a target,
 * so an exam task has something to earn), the reference solution passes all, every wrong repair generated
 * from the solution fails at least one row (see {@link MutationSelfTest}), and the exercise teaches both sides
 * (traffic that must flow and traffic that must be blocked), with hints and an explanation.
 */
public final class ScenarioSelfTest {
    private ScenarioSelfTest() {
    }

    /**
     * @param failures  empty when the scenario is sound
     * @param mutations the mutation test of the scenario as written
     */
    public record Result(Scenario scenario, List<String> failures, MutationSelfTest.Result mutations) {
        public boolean ok() {
            return failures.isEmpty();
        }
    }

    /** Seeds of the variants that {@code validate} renders and self-tests for each scenario that declares variants. */
    public static final long[] VARIANT_SEEDS = {1, 2, 3};

    /** The scenario as written with its mutation test, and several of its variants. */
    public static Result run(Scenario s) {
        List<String> failures = new ArrayList<>(runOne(s));
        MutationSelfTest.Result mutations = new MutationSelfTest.Result(List.of(), List.of());
        if (failures.isEmpty()) {
            try {
                mutations = MutationSelfTest.run(s);
            } catch (RuntimeException e) {
                // A bug of ours must not hide the other scenarios' results: report it as this scenario's failure.
                failures.add("the mutation test could not run: " + e);
            }
        }
        failures.addAll(mutations.failures());
        if (!s.variants().isEmpty()) {
            for (long seed : VARIANT_SEEDS) {
                try {
                    Scenario v = dev.netpollab.scenario.VariantRenderer.render(s, seed);
                    runOne(v).forEach(f -> failures.add("variant " + seed + ": " + f));
                } catch (IllegalStateException e) {
                    failures.add(e.getMessage());
                }
            }
        }
        return new Result(s, failures, mutations);
    }

    private static List<String> runOne(Scenario s) {
        List<String> failures = new ArrayList<>();
        Grader grader = new Grader();
        ModelProber model = new ModelProber();
        if (s.expect().stream().noneMatch(Expectation::allowed)) {
            failures.add("no expectation with allowed: true (traffic that must flow)");
        }
        if (s.expect().stream().allMatch(Expectation::allowed)) {
            failures.add("no expectation with allowed: false (traffic that must be blocked)");
        }
        if (s.hints().size() < 2) {
            failures.add("needs at least two hints, has " + s.hints().size());
        }
        if (s.explanation().isBlank()) {
            failures.add("needs an explanation");
        }
        if (s.task().isBlank()) {
            failures.add("needs a task");
        }
        Grade broken = grader.grade(s, OfflineCluster.snapshot(s, s.brokenPolicies()), model);
        if (broken.met() == broken.total()) {
            failures.add("no target: the broken state already passes every expectation and check, so there is nothing to repair"
                    + " and an exam task would earn nothing");
        }
        if (s.solution().isBlank()) {
            failures.add("needs a reference solution");
        } else {
            var solvedSnapshot = OfflineCluster.snapshot(s, s.solutionPolicies());
            Grade solved = grader.grade(s, solvedSnapshot, model);
            for (CellResult c : solved.failedCells()) {
                failures.add("the solution fails " + c.probe() + ": expected " + c.expectedLabel() + ", got "
                        + c.observation().outcome().label() + " — " + c.reason());
            }
            for (CheckResult c : solved.failedChecks()) {
                failures.add("the solution fails the check " + c.label() + ": " + c.detail());
            }
            failures.addAll(lintFailures(s, Coach.lint(solvedSnapshot)));
        }
        return failures;
    }

    /**
     * No false alarms on good work: the reference solution lints clean of errors and warnings, except
     * findings the scenario accepts with a reason; and every accepted finding must really occur.
     */
    static List<String> lintFailures(Scenario s, List<dev.netpollab.policy.lint.Finding> findings) {
        List<String> out = new ArrayList<>();
        java.util.Set<String> accepted = new java.util.HashSet<>();
        s.acceptLint().forEach(a -> accepted.add(a.id()));
        for (var f : findings) {
            if (f.severity() != dev.netpollab.policy.lint.Severity.INFO && !accepted.contains(f.id())) {
                out.add("the solution has a coach " + f.severity().label() + " (" + f + "); fix it, or declare acceptLint: [{id: "
                        + f.id() + ", reason: ...}]");
            }
        }
        for (var a : s.acceptLint()) {
            if (!dev.netpollab.policy.lint.Linter.IDS.contains(a.id())) {
                out.add("acceptLint names an unknown check \"" + a.id() + "\"" + dev.netpollab.policy.Suggest.hint(a.id(),
                        dev.netpollab.policy.lint.Linter.IDS));
            } else if (findings.stream().noneMatch(f -> f.id().equals(a.id()))) {
                out.add("acceptLint accepts " + a.id() + ", which the solution does not raise; remove it");
            }
        }
        return out;
    }
}
