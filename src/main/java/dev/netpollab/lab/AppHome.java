package dev.netpollab.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

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
     * Writes a file so that readers never see half of it: write a sibling temp file, then rename over
     * the target (atomic on POSIX file systems).
     */
    public static void writeAtomically(Path target, String content) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, content);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
