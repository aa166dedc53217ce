package dev.netpollab.grade;

import dev.netpollab.lab.OfflineCluster;
import dev.netpollab.probe.ModelProber;
import dev.netpollab.scenario.Expectation;
import dev.netpollab.scenario.Scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * Proves a scenario is sound before a learner sees it: the broken state fails at least one expectation,
 * the reference solution passes all, and the exercise teaches both sides (traffic that must flow and
 * traffic that must be blocked), with hints and an explanation.
 */
public final class ScenarioSelfTest {
    private ScenarioSelfTest() {
    }

    /** @param failures empty when the scenario is sound */
    public record Result(Scenario scenario, List<String> failures) {
        public boolean ok() {
            return failures.isEmpty();
        }
    }

    public static Result run(Scenario s) {
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
        if (broken.passed()) {
            failures.add("the broken state already passes every expectation: there is nothing to repair");
        }
        if (s.solution().isBlank()) {
            failures.add("needs a reference solution");
        } else {
            Grade solved = grader.grade(s, OfflineCluster.snapshot(s, s.solutionPolicies()), model);
            for (CellResult c : solved.failedCells()) {
                failures.add("the solution fails " + c.probe() + ": expected " + c.expectedLabel() + ", got "
                        + c.observation().outcome().label() + " — " + c.reason());
            }
        }
        return new Result(s, failures);
    }
}
