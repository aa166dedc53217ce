package dev.netpollab.lab;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The per-user state directory, {@code ~/.netpol-lab} (or {@code $NETPOL_LAB_HOME}): log, history,
 * progress, work files, reports, caches, kubeconfig.
 */
public final class AppHome {
    private AppHome() {
    }

    public static Path dir() {
        String override = System.getProperty("netpollab.home", System.getenv("NETPOL_LAB_HOME"));
        return override != null && !override.isBlank() ? Path.of(override)
                : Path.of(System.getProperty("user.home"), ".netpol-lab");
    }

    public static Path resolve(String first, String... more) {
        return dir().resolve(Path.of(first, more));
    }

    /** Creates the directory if needed and returns it. */
    public static Path ensure(Path dir) throws IOException {
        Files.createDirectories(dir);
        return dir;
    }

    /**
     * Why nothing can be saved in the state directory (it is read-only, or a file stands where it should be),
     * or empty when it is writable. Probed by creating it and a scratch file in it.
     */
    public static Optional<String> unwritable() {
        Path dir = dir();
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
            Files.delete(probe);
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(dir + " is not writable (" + dev.netpollab.scenario.IoMessages.of(e) + ")");
        }
    }

    /** Property naming the log file once {@code Logging} could open it. */
    public static final String LOG_PROPERTY = "netpollab.logFile";

    /** Where an internal error's details went, for the message that reports it. */
    public static String logHint() {
        String log = System.getProperty(LOG_PROPERTY);
        return log != null ? "details in " + log : "no details were logged: " + unwritable().orElse("the log is off");
    }

    /**
     * Writes a file so that readers never see half of it, even after a crash: write a sibling temp file,
     * force it to disk, then rename over the target (atomic on POSIX file systems).
     */
    public static void writeAtomically(Path target, String content) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, content);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
