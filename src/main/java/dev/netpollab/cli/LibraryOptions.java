package dev.netpollab.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** For commands that read the scenario library: where an instructor's own scenarios are. */
public class LibraryOptions {
    @Option(names = "--scenarios", paramLabel = "DIR",
            description = "Also load scenarios from DIR (repeatable). The built-in library is always loaded.")
    List<Path> scenarioDirs = new ArrayList<>();
}
