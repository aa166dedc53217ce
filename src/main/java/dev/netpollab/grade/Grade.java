package dev.netpollab.grade;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The result of grading a scenario attempt.
 *
 * @param integrityFailures reasons the attempt fails regardless of the cells (the world was changed)
 * @param notes             facts the learner should know (policies that were ignored, prediction mismatches)
 * @param convergence       how long the real probes took to settle; zero for computed probes
 */
public record Grade(String scenarioId, Instant at, List<ExpectationResult> results, List<String> integrityFailures,
                    List<String> notes, String prober, Duration convergence) {
    public Grade {
        results = List.copyOf(results);
        integrityFailures = List.copyOf(integrityFailures);
        notes = List.copyOf(notes);
    }

    public int met() {
        return (int) results.stream().filter(ExpectationResult::met).count();
    }

    public int total() {
        return results.size();
    }

    /** The fraction of expectations met, 0..1. */
    public double score() {
        return total() == 0 ? 0 : (double) met() / total();
    }

    /** All expectations met and the world left as it was. */
    public boolean passed() {
        return integrityFailures.isEmpty() && met() == total() && total() > 0;
    }

    public List<CellResult> cells() {
        return results.stream().flatMap(r -> r.cells().stream()).toList();
    }

    public List<CellResult> failedCells() {
        return cells().stream().filter(c -> !c.pass()).toList();
    }
}
