package dev.netpollab.exam;

import dev.netpollab.testing.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Progress is never lost to another shell, never silently unsaved, and survives hand-edited files. */
class ProgressStoreTest {
    private final ManualClock clock = new ManualClock();

    @Test
    void twoShellsOnOneFileKeepEachOthersProgress(@TempDir Path home) {
        Path file = home.resolve("progress.json");
        ProgressStore older = new ProgressStore(file, clock);
        ProgressStore newer = new ProgressStore(file, clock);
        newer.started("named-port-mismatch");
        newer.checked("named-port-mismatch", 1.0, true, 90, 0, false);
        // The older shell never re-read the file; before, its next write put back its stale map and the pass was gone.
        older.hint("default-deny-scope", 1);
        ProgressStore fresh = new ProgressStore(file, clock);
        assertThat(fresh.get("named-port-mismatch").passes()).isEqualTo(1);
        assertThat(fresh.get("default-deny-scope").hintsUsed()).isEqualTo(1);
        // Both shells now see both.
        assertThat(older.get("named-port-mismatch").passes()).isEqualTo(1);
    }

    @Test
    void twoProcessesWritingAtOnceLoseNothing(@TempDir Path home) throws Exception {
        Path file = home.resolve("progress.json");
        int each = 40;
        List<Process> writers = new ArrayList<>();
        for (String who : List.of("a", "b")) {
            writers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), ProgressWriter.class.getName(), file.toString(), who, String.valueOf(each))
                    .redirectErrorStream(true).start());
        }
        for (Process p : writers) {
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
        }
        ProgressStore merged = new ProgressStore(file, clock);
        assertThat(merged.get("shared").passes()).as("every pass of both processes").isEqualTo(2 * each);
        assertThat(merged.get("only-a").attempts()).isEqualTo(each);
        assertThat(merged.get("only-b").attempts()).isEqualTo(each);
        assertThat(merged.warning()).isEmpty();
    }

    @Test
    void aFailedSaveIsSaidWhenItHappensAndReplayedWhenSavingWorksAgain(@TempDir Path home) throws IOException {
        Path dir = home.resolve("state");
        Files.writeString(dir, "a file where the directory should be");
        ProgressStore store = new ProgressStore(dir.resolve("progress.json"), clock);
        List<String> said = new ArrayList<>();
        store.onSaveFailure(said::add);
        store.hint("default-deny-scope", 2);
        assertThat(said).singleElement().satisfies(m -> assertThat(m).contains("could not be saved").contains(dir.toString()));
        assertThat(store.saveFailure()).isPresent();
        assertThat(store.get("default-deny-scope").hintsUsed()).as("the session keeps it").isEqualTo(2);
        // The obstacle goes away: the next save writes the earlier change too.
        Files.delete(dir);
        store.checked("default-deny-scope", 1.0, true, 60, 2, false);
        assertThat(store.saveFailure()).isEmpty();
        ProgressStore reread = new ProgressStore(dir.resolve("progress.json"), clock);
        assertThat(reread.get("default-deny-scope").passes()).isEqualTo(1);
        assertThat(reread.get("default-deny-scope").hintsUsed()).isEqualTo(2);
    }

    @Test
    void aHandEditedFileWithNullEntriesStillLoads(@TempDir Path home) throws IOException {
        Path file = home.resolve("progress.json");
        Files.copy(Path.of("src/test/resources/hostile/progress-null-entry.json"), file);
        ProgressStore store = new ProgressStore(file, clock);
        assertThat(store.warning()).isEmpty();
        assertThat(store.get("default-deny-scope").attempts()).isZero();
        assertThat(store.get("x").passes()).isEqualTo(1);
        store.started("default-deny-scope");
        assertThat(new ProgressStore(file, clock).get("default-deny-scope").attempts()).isEqualTo(1);
    }

    @Test
    void aFileBrokenByAnotherShellIsKeptAsideAndThisShellsProgressWritten(@TempDir Path home) throws IOException {
        Path file = home.resolve("progress.json");
        ProgressStore store = new ProgressStore(file, clock);
        store.started("a");
        Files.writeString(file, "{ not json");
        store.started("b");
        assertThat(store.warning()).hasValueSatisfying(w -> assertThat(w).contains("could not be read").contains(".corrupt-"));
        ProgressStore reread = new ProgressStore(file, clock);
        assertThat(reread.get("a").attempts()).isEqualTo(1);
        assertThat(reread.get("b").attempts()).isEqualTo(1);
        try (var aside = Files.list(home)) {
            assertThat(aside.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("progress.json.corrupt-"));
        }
    }

    /** One shell's worth of progress, written from its own JVM. */
    public static final class ProgressWriter {
        public static void main(String[] args) {
            ProgressStore store = new ProgressStore(Path.of(args[0]), java.time.Clock.systemUTC());
            int n = Integer.parseInt(args[2]);
            for (int i = 0; i < n; i++) {
                store.checked("shared", 1.0, true, i, 0, false);
                store.started("only-" + args[1]);
            }
            System.exit(store.saveFailure().isPresent() ? 1 : 0);
        }
    }
}
