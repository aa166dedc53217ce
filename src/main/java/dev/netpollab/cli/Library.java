package dev.netpollab.cli;

import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.scenario.YamlProblem;

import java.io.PrintWriter;

/** Loads the course for a command and reports files that could not be loaded, without stopping. */
final class Library {
    private Library() {
    }

    static ScenarioLibrary load(LibraryOptions options, PrintWriter err) {
        ScenarioLibrary lib = ScenarioLibrary.load(options.scenarioDirs);
        for (YamlProblem p : lib.problems()) {
            err.println("warning: skipped: " + p);
        }
        return lib;
    }
}
