package dev.netpollab.grade;

import dev.netpollab.scenario.Expectation;

import java.util.List;

/** An expectation and its probes; {@code ns/*} expands to one cell per pod. It is met when every cell passes. */
public record ExpectationResult(Expectation expectation, List<CellResult> cells) {
    public ExpectationResult {
        cells = List.copyOf(cells);
    }

    public boolean met() {
        return !cells.isEmpty() && cells.stream().allMatch(CellResult::pass);
    }
}
