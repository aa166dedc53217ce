package dev.netpollab.lab;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * One folder of evidence for a real lab that went wrong ({@code ~/.netpol-lab/diagnostics/<time>/}): logs,
 * cluster state, the manifest applied, probe scripts and their raw output, versions. Collecting never
 * fails the caller: whatever cannot be collected is written down with the reason, and the bundle is still
 * made. Credentials (the kubeconfig, tokens) are never written.
 */
public final class DiagnosticsBundle {
    /** Bundles kept; older ones are removed when a new one is made. */
    static final int KEEP = 20;
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private final Path dir;
    private final String reason;
    private final List<String> index = new ArrayList<>();

    private DiagnosticsBundle(Path dir, String reason) {
        this.dir = dir;
        this.reason = reason;
    }

    /** {@code ~/.netpol-lab/diagnostics} (or under {@code $NETPOL_LAB_HOME}). */
    public static Path defaultRoot() {
        return AppHome.resolve("diagnostics");
    }

    /**
     * A new, empty bundle under {@code root}, named by the time; the oldest bundles beyond {@value #KEEP} are removed.
     *
     * @throws LabException when the folder cannot be made
     */
    public static DiagnosticsBundle create(Path root, String reason, Clock clock) {
        String base = NAME.format(clock.instant());
        try {
            Files.createDirectories(root);
            Path dir = root.resolve(base);
            for (int n = 2; Files.exists(dir); n++) {
                dir = root.resolve(base + "-" + n);
            }
            Files.createDirectory(dir);
            prune(root, dir);
            DiagnosticsBundle b = new DiagnosticsBundle(dir, reason);
            b.writeIndex();
            return b;
        } catch (IOException e) {
            throw new LabException("could not create a diagnostics folder in " + root + ": " + e.getMessage(), e);
        }
    }

    /** A bundle written before (by the lab that failed), to add more to; its files stay listed. */
    public static DiagnosticsBundle reopen(Path dir, String reason) {
        DiagnosticsBundle b = new DiagnosticsBundle(dir, reason);
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString()).filter(f -> !f.equals("README.txt")).sorted().forEach(b.index::add);
        } catch (IOException e) {
            // The new files are still written; only the listing of the old ones is lost.
        }
        b.writeIndex();
        return b;
    }

    public Path dir() {
        return dir;
    }

    /** Writes one file of the bundle; a failure is noted in the index, never thrown. */
    public void write(String file, String text) {
        try {
            Path target = dir.resolve(file);
            Files.createDirectories(target.getParent());
            Files.writeString(target, text);
            index.add(file);
        } catch (IOException | RuntimeException e) {
            index.add(file + ": could not be written (" + e.getMessage() + ")");
        }
        writeIndex();
    }

    /** Writes what {@code what} returns; when it throws, the file says what could not be collected and why. */
    public void collect(String file, Callable<String> what) {
        String text;
        try {
            text = what.call();
        } catch (Exception e) {
            text = "could not collect " + file + ": " + LabException.rootMessage(e) + "\n";
        }
        write(file, text == null ? "" : text);
    }

    /** An error with its stack trace, for the people who read the bundle (never shown to the learner). */
    public void error(String file, Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        write(file, w.toString());
    }

    /** The one line a learner sees: where the bundle is and what to send. */
    public String sendLine() {
        return "diagnostics written to " + dir + " — to report this, zip that folder and attach it to an issue "
                + "(it holds logs, cluster state and probe output; no kubeconfig or secrets)";
    }

    private void writeIndex() {
        StringBuilder b = new StringBuilder("netpol-lab diagnostics bundle\nreason: " + reason + "\n\nfiles:\n");
        index.forEach(f -> b.append("  ").append(f).append('\n'));
        try {
            Files.writeString(dir.resolve("README.txt"), b.toString());
        } catch (IOException e) {
            // The files themselves are what matters; the index is a convenience.
        }
    }

    private static void prune(Path root, Path keep) throws IOException {
        List<Path> old;
        try (Stream<Path> s = Files.list(root)) {
            old = s.filter(Files::isDirectory).filter(p -> !p.equals(keep)).sorted(Comparator.comparing(Path::getFileName).reversed()).toList();
        }
        for (Path p : old.subList(Math.min(old.size(), KEEP - 1), old.size())) {
            try (Stream<Path> walk = Files.walk(p)) {
                for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}
