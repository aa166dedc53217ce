package dev.netpollab.cli;

import picocli.CommandLine.Option;

/** For commands whose output uses colour. */
public class ColorOption {
    @Option(names = "--no-color", description = "Plain text output, without ANSI colours.")
    boolean noColor;
}
