package dev.netpollab.lab;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Where a lab's diagnostics bundles go and what the lab adds to each (its logs, cluster state, versions).
 *
 * @param lab adds the lab's own evidence to a bundle
 */
public record Diagnostics(Path root, Clock clock, Consumer<DiagnosticsBundle> lab) {
    /** Bundles of this lab under {@code ~/.netpol-lab/diagnostics}. */
    public static Diagnostics of(Lab lab) {
        return new Diagnostics(DiagnosticsBundle.defaultRoot(), Clock.systemUTC(), lab::collectDiagnostics);
    }

    /**
     * Makes a bundle: the caller's own files first, then the lab's.
     *
     * @throws LabException when the folder cannot be made
     */
    public DiagnosticsBundle write(String reason, Consumer<DiagnosticsBundle> own) {
        DiagnosticsBundle b = DiagnosticsBundle.create(root, reason, clock);
        b.write("reason.txt", reason + "\n");
        own.accept(b);
        lab.accept(b);
        return b;
    }
}
