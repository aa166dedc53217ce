package dev.netpollab.cli;

import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.scenario.YamlProblem;

import java.io.PrintWriter;

/** Loads the course for a command and reports files that could not be loaded, without stopping. */
final class Library {
    private Library() {
    }

    static ScenarioLibrary load(GlobalOptions global, PrintWriter err) {
        ScenarioLibrary lib = ScenarioLibrary.load(global.scenarioDirs);
        for (YamlProblem p : lib.problems()) {
            err.println("warning: skipped: " + p);
        }
        return lib;
    }
}
