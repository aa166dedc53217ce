package dev.netpollab.exam;

import dev.netpollab.lab.AppHome;
import dev.netpollab.scenario.IoMessages;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A learner's progress per scenario, in {@code ~/.netpol-lab/progress.json}. Several shells may run at once:
 * every change is applied to what the file holds at that moment, under a lock ({@code progress.json.lock}),
 * so a pass recorded by one shell is never overwritten by another shell's older view. The file is written
 * to a temporary file, forced to disk and renamed over the old one, so a crash leaves either version whole.
 * A file that cannot be read is moved aside (never silently dropped) and the problem is reported; a save that
 * fails is reported when it happens.
 */
public final class ProgressStore {
    private static final JsonMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    /** File locks belong to the whole JVM: two stores of one file in one process also take turns here. */
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    /**
     * Everything known about one scenario. {@code hintsUsed} and {@code revealed} count what was used up to the
     * first pass: hints read or a solution viewed after passing take nothing away from the pass.
     */
    public record Entry(int attempts, int passes, Long firstPassSeconds, Long bestSeconds, int hintsUsed, boolean revealed,
                        double lastScore, Instant lastAttempt) {
        static Entry empty() {
            return new Entry(0, 0, null, null, 0, false, 0, null);
        }

        /** Passed without hints and without the solution. */
        public boolean mastered() {
            return passes > 0 && hintsUsed == 0 && !revealed;
        }
    }

    /** The file's shape. */
    public record Data(int version, Map<String, Entry> scenarios) {
    }

    private final Path file;
    private final Clock clock;
    private final Map<String, Entry> entries = new TreeMap<>();
    private String warning;
    private String saveFailure;
    /** Changes not yet in the file (a save failed): replayed, in order, by the next save that works. */
    private final java.util.List<Map.Entry<String, UnaryOperator<Entry>>> pending = new java.util.ArrayList<>();
    private Consumer<String> onSaveFailure = m -> { };

    public ProgressStore(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        load();
    }

    public static ProgressStore open() {
        return new ProgressStore(AppHome.resolve("progress.json"), Clock.systemUTC());
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            entries.putAll(parse(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (Exception e) {
            warning = moveAside(e);
        }
    }

    /** The entries of a file's text; entries that are null or nameless (a hand-edited file) are left out. */
    private static Map<String, Entry> parse(String text) {
        Map<String, Entry> out = new TreeMap<>();
        Data d = JSON.readValue(text, Data.class);
        if (d != null && d.scenarios() != null) {
            d.scenarios().forEach((id, e) -> {
                if (id != null && e != null) {
                    out.put(id, e);
                }
            });
        }
        return out;
    }

    private String moveAside(Exception e) {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + clock.instant().toString().replace(':', '-'));
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            return file + " could not be read (" + firstLine(e.getMessage()) + "); it was kept as " + aside + " and progress starts afresh";
        } catch (IOException moveFailed) {
            return file + " could not be read and could not be moved aside: " + IoMessages.of(moveFailed);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A problem met while loading, to show the learner once; empty when all was well. */
    public Optional<String> warning() {
        return Optional.ofNullable(warning);
    }

    /** Why the last save failed, if one did in this session: then "your progress is saved" would not be true. */
    public synchronized Optional<String> saveFailure() {
        return Optional.ofNullable(saveFailure);
    }

    /** Who hears about a save that failed, as it happens (the shell prints it). */
    public synchronized void onSaveFailure(Consumer<String> listener) {
        this.onSaveFailure = listener;
    }

    public synchronized Entry get(String scenarioId) {
        return entries.getOrDefault(scenarioId, Entry.empty());
    }

    public synchronized Map<String, Entry> all() {
        return Map.copyOf(entries);
    }

    public synchronized void started(String id) {
        update(id, e -> new Entry(e.attempts() + 1, e.passes(), e.firstPassSeconds(), e.bestSeconds(), e.hintsUsed(), e.revealed(),
                e.lastScore(), clock.instant()));
    }

    public synchronized void checked(String id, double score, boolean passed, long secondsSinceStart, int hints, boolean revealed) {
        Instant now = clock.instant();
        update(id, e -> {
            Long first = e.firstPassSeconds();
            Long best = e.bestSeconds();
            int passes = e.passes();
            if (passed) {
                passes++;
                first = first == null ? secondsSinceStart : first;
                best = best == null ? secondsSinceStart : Math.min(best, secondsSinceStart);
            }
            boolean before = e.passes() == 0;
            return new Entry(e.attempts(), passes, first, best, before ? Math.max(e.hintsUsed(), hints) : e.hintsUsed(),
                    e.revealed() || before && revealed, score, now);
        });
    }

    public synchronized void hint(String id, int hintsShown) {
        update(id, e -> e.passes() > 0 ? e : new Entry(e.attempts(), e.passes(), e.firstPassSeconds(), e.bestSeconds(),
                Math.max(e.hintsUsed(), hintsShown), e.revealed(), e.lastScore(), e.lastAttempt()));
    }

    public synchronized void revealed(String id) {
        update(id, e -> e.passes() > 0 ? e : new Entry(e.attempts(), e.passes(), e.firstPassSeconds(), e.bestSeconds(), e.hintsUsed(), true,
                e.lastScore(), e.lastAttempt()));
    }

    /**
     * Applies a change to the entry as the file holds it now (another shell may have written since this one
     * read it), keeps every other shell's entries, and writes the result; in memory the change is kept even
     * when the file cannot be written, and the failure is reported.
     */
    private void update(String id, UnaryOperator<Entry> change) {
        pending.add(Map.entry(id, change));
        ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new ReentrantLock());
        inProcess.lock();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                Map<String, Entry> onDisk = new TreeMap<>();
                if (Files.exists(file)) {
                    try {
                        onDisk = parse(Files.readString(file, StandardCharsets.UTF_8));
                    } catch (Exception e) {
                        // Someone broke the file since it was loaded: keep it aside and go on from what this shell knew.
                        warning = moveAside(e);
                        onDisk = new TreeMap<>(entries);
                        pending.clear();
                        pending.add(Map.entry(id, change));
                    }
                }
                for (Map.Entry<String, UnaryOperator<Entry>> p : pending) {
                    onDisk.put(p.getKey(), p.getValue().apply(onDisk.getOrDefault(p.getKey(), Entry.empty())));
                }
                AppHome.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(new Data(1, onDisk)));
                entries.clear();
                entries.putAll(onDisk);
                pending.clear();
                saveFailure = null;
            }
        } catch (IOException | RuntimeException e) {
            entries.put(id, change.apply(get(id)));
            saveFailure = "your progress could not be saved to " + file + " (" + IoMessages.of(e) + ")";
            onSaveFailure.accept(saveFailure);
        } finally {
            inProcess.unlock();
        }
    }
}
