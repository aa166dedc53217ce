package dev.netpollab.grade;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of grading a scenario attempt: one row per probe cell and one per object check.
 *
 * @param checks            the scenario's object checks, graded
 * @param integrityFailures reasons the attempt fails regardless of the rows (the world was changed)
 * @param notes             facts the learner should know (policies that were ignored, prediction mismatches)
 * @param convergence       how long the real probes took to settle; zero for computed probes
 */
public record Grade(String scenarioId, Instant at, List<ExpectationResult> results, List<CheckResult> checks,
                    List<String> integrityFailures, List<String> notes, String prober, Duration convergence) {
    public Grade {
        results = List.copyOf(results);
        checks = List.copyOf(checks);
        integrityFailures = List.copyOf(integrityFailures);
        notes = List.copyOf(notes);
    }

    /** Every row in a fixed order: the probe cells as the expectations list them, then the checks. */
    public List<GradeRow> rows() {
        List<GradeRow> out = new ArrayList<>(cells());
        out.addAll(checks);
        return out;
    }

    /** Rows met. */
    public int met() {
        return (int) rows().stream().filter(GradeRow::pass).count();
    }

    public int total() {
        return cells().size() + checks.size();
    }

    /** The fraction of rows met, 0..1. */
    public double score() {
        return total() == 0 ? 0 : (double) met() / total();
    }

    /** Every row met and the world left as it was. */
    public boolean passed() {
        return integrityFailures.isEmpty() && met() == total() && total() > 0;
    }

    public List<CellResult> cells() {
        return results.stream().flatMap(r -> r.cells().stream()).toList();
    }

    public List<CellResult> failedCells() {
        return cells().stream().filter(c -> !c.pass()).toList();
    }

    public List<CheckResult> failedChecks() {
        return checks.stream().filter(c -> !c.pass()).toList();
    }

    /** "5/6 probes and 1/2 object checks met (75%)", or without checks "5/6 probes met (83%)". */
    public String summary() {
        long cellsMet = cells().stream().filter(CellResult::pass).count();
        String s = cellsMet + "/" + cells().size() + " probes";
        if (!checks.isEmpty()) {
            s += " and " + (checks.size() - failedChecks().size()) + "/" + checks.size() + " object checks";
        }
        return s + " met (" + Math.round(score() * 100) + "%)";
    }
}
