package dev.netpollab.exam;

import dev.netpollab.lab.AppHome;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.DeserializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A learner's progress per scenario, in {@code ~/.netpol-lab/progress.json}, written atomically. A file
 * that cannot be read is moved aside (never silently dropped) and the problem is reported.
 */
public final class ProgressStore {
    private static final JsonMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

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
            Data d = JSON.readValue(Files.readString(file), Data.class);
            if (d != null && d.scenarios() != null) {
                entries.putAll(d.scenarios());
            }
        } catch (Exception e) {
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + clock.instant().toString().replace(':', '-'));
            try {
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                warning = file + " could not be read (" + firstLine(e.getMessage()) + "); it was kept as " + aside
                        + " and progress starts afresh";
            } catch (IOException moveFailed) {
                warning = file + " could not be read and could not be moved aside: " + moveFailed.getMessage();
            }
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

    public Entry get(String scenarioId) {
        return entries.getOrDefault(scenarioId, Entry.empty());
    }

    public Map<String, Entry> all() {
        return Map.copyOf(entries);
    }

    public synchronized void started(String id) {
        Entry e = get(id);
        put(id, new Entry(e.attempts() + 1, e.passes(), e.firstPassSeconds(), e.bestSeconds(), e.hintsUsed(), e.revealed(), e.lastScore(),
                clock.instant()));
    }

    public synchronized void checked(String id, double score, boolean passed, long secondsSinceStart, int hints, boolean revealed) {
        Entry e = get(id);
        Long first = e.firstPassSeconds();
        Long best = e.bestSeconds();
        int passes = e.passes();
        if (passed) {
            passes++;
            first = first == null ? secondsSinceStart : first;
            best = best == null ? secondsSinceStart : Math.min(best, secondsSinceStart);
        }
        boolean before = e.passes() == 0;
        put(id, new Entry(e.attempts(), passes, first, best, before ? Math.max(e.hintsUsed(), hints) : e.hintsUsed(),
                e.revealed() || before && revealed, score, clock.instant()));
    }

    public synchronized void hint(String id, int hintsShown) {
        Entry e = get(id);
        if (e.passes() > 0) {
            return;
        }
        put(id, new Entry(e.attempts(), e.passes(), e.firstPassSeconds(), e.bestSeconds(), Math.max(e.hintsUsed(), hintsShown), e.revealed(),
                e.lastScore(), e.lastAttempt()));
    }

    public synchronized void revealed(String id) {
        Entry e = get(id);
        if (e.passes() > 0) {
            return;
        }
        put(id, new Entry(e.attempts(), e.passes(), e.firstPassSeconds(), e.bestSeconds(), e.hintsUsed(), true, e.lastScore(), e.lastAttempt()));
    }

    private void put(String id, Entry e) {
        entries.put(id, e);
        try {
            AppHome.writeAtomically(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(new Data(1, entries)));
        } catch (IOException ex) {
            warning = "progress could not be saved to " + file + ": " + ex.getMessage();
        }
    }
}
