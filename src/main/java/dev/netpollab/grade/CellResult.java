package dev.netpollab.grade;

import dev.netpollab.probe.Observation;
import dev.netpollab.probe.Probe;

/**
 * One probe of an expectation: what was expected, what was observed, and for a wrong cell why.
 *
 * @param reason one line for a wrong cell (from the engine's trace or the probe's detail); empty when it passed
 */
public record CellResult(Probe probe, boolean expectAllowed, Observation observation, boolean pass, String reason) implements GradeRow {
    @Override
    public String label() {
        return probe + " is " + expectedLabel();
    }

    public String expectedLabel() {
        return expectAllowed ? "allowed" : "blocked";
    }
}
