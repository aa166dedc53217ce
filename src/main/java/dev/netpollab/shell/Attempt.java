package dev.netpollab.shell;

import dev.netpollab.grade.Grade;
import dev.netpollab.scenario.Scenario;

import java.time.Duration;
import java.time.Instant;

/** The scenario being worked on: when it started, hints shown, whether the solution was revealed, the last grade. */
public final class Attempt {
    private final Scenario scenario;
    private final Instant started;
    private int hintsShown;
    private boolean revealed;
    private Grade lastGrade;
    private boolean passed;
    private boolean resetSinceCheck;

    public Attempt(Scenario scenario, Instant started) {
        this.scenario = scenario;
        this.started = started;
    }

    public Scenario scenario() {
        return scenario;
    }

    public Instant started() {
        return started;
    }

    public Duration elapsed(Instant now) {
        return Duration.between(started, now);
    }

    public int hintsShown() {
        return hintsShown;
    }

    /** The next hint, or null when all have been shown. */
    public String nextHint() {
        if (hintsShown >= scenario.hints().size()) {
            return null;
        }
        return scenario.hints().get(hintsShown++);
    }

    public boolean revealed() {
        return revealed;
    }

    public void reveal() {
        revealed = true;
    }

    public Grade lastGrade() {
        return lastGrade;
    }

    public boolean passed() {
        return passed;
    }

    public void graded(Grade g) {
        lastGrade = g;
        passed |= g.passed();
        resetSinceCheck = false;
    }

    /** The scenario is back in its broken state: an earlier check no longer describes it. Hints and time stay. */
    public void reset() {
        lastGrade = null;
        passed = false;
        resetSinceCheck = true;
    }

    /** Reset after the last check (or before any): status says so rather than "not yet". */
    public boolean resetSinceCheck() {
        return resetSinceCheck;
    }

    /** mm:ss, or h:mm:ss past the hour. */
    public static String clock(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60) : String.format("%02d:%02d", s / 60, s % 60);
    }
}
