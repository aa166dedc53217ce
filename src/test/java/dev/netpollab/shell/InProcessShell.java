package dev.netpollab.shell;

import dev.netpollab.exam.ProgressStore;
import dev.netpollab.lab.EmbeddedLab;
import dev.netpollab.scenario.ScenarioLibrary;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The drill shell on a fresh embedded lab, in this JVM, fed a script: faster than {@link ShellProcess} for tests that
 * only need the shell's answers.
 */
final class InProcessShell {
    private static final ScenarioLibrary LIBRARY = ScenarioLibrary.load(List.of());

    private InProcessShell() {
    }

    /** Runs the script (one command per line) and returns everything the terminal showed. */
    static String run(Path home, String script) throws Exception {
        System.setProperty("netpollab.home", home.toString());
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Shell.run(new Shell.Options(LIBRARY, LabHandle.of(EmbeddedLab.start()), new DrillMode("embedded"),
                    new ProgressStore(home.resolve("progress.json"), Clock.systemUTC()), true, Clock.systemUTC(),
                    new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), out));
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            System.clearProperty("netpollab.home");
        }
    }

    /** The output of one command: from its prompt line to the next prompt. */
    static String section(String screen, String command) {
        int at = screen.indexOf("> " + command + "\n");
        if (at < 0) {
            throw new AssertionError("the command `" + command + "` is not on the screen:\n" + screen);
        }
        int start = at + command.length() + 3;
        int next = screen.indexOf("netpol-lab", start);
        return screen.substring(start, next < 0 ? screen.length() : next);
    }
}
