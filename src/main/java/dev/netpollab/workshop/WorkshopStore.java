package dev.netpollab.workshop;

import dev.netpollab.scenario.UserError;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workshop's database: one SQLite file under {@code --data}. SQLite because it is one file an instructor
 * can copy or open with the {@code sqlite3} tool after the day, it needs no server, and its write-ahead log
 * makes a committed transaction survive the process being killed; every write here is committed before the
 * server acknowledges it. One connection, used under this object's lock (SQLite has one writer anyway).
 */
public final class WorkshopStore implements AutoCloseable {
    static final String FILE = "workshop.db";
    private static final int SCHEMA = 1;
    private static final JsonMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final Connection db;
    private final Path file;

    /** The workshop as created: its id, tasks, join code and instructor secret. */
    public record Setup(String workshopId, WorkshopPlan plan, String code, String secret, long createdAt) {
    }

    public record Seat(long id, String name, String tokenHash, long joinedAt, long lastSeen, int currentTask, String lab) {
    }

    public record Message(long id, long at, String text) {
    }

    /** The name is taken by another seat. */
    public static final class NameTaken extends Exception {
        NameTaken(String name) {
            super("the name \"" + name + "\" is taken in this workshop");
        }
    }

    private WorkshopStore(Connection db, Path file) {
        this.db = db;
        this.file = file;
    }

    public static WorkshopStore open(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            Files.createDirectories(dataDir);
            try {
                // Join tokens are hashed, but the instructor secret is kept to print the dashboard address again.
                Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException | IOException e) {
                // Not a POSIX file system: the directory keeps its permissions.
            }
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
                st.execute("PRAGMA synchronous=FULL");
                st.execute("PRAGMA busy_timeout=5000");
                st.execute("PRAGMA foreign_keys=ON");
            }
            WorkshopStore store = new WorkshopStore(c, file);
            store.migrate();
            return store;
        } catch (SQLException | IOException e) {
            throw new UserError("cannot open the workshop database " + file + ": " + e.getMessage());
        }
    }

    public Path file() {
        return file;
    }

    private void migrate() throws SQLException {
        try (Statement st = db.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)");
            st.execute("CREATE TABLE IF NOT EXISTS seats(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE COLLATE NOCASE,"
                    + " token_hash TEXT NOT NULL UNIQUE, joined_at INTEGER NOT NULL, last_seen INTEGER NOT NULL, current_task INTEGER NOT NULL,"
                    + " lab TEXT NOT NULL)");
            st.execute("CREATE TABLE IF NOT EXISTS visits(seat_id INTEGER NOT NULL REFERENCES seats(id), task INTEGER NOT NULL,"
                    + " first_at INTEGER NOT NULL, PRIMARY KEY(seat_id, task))");
            st.execute("CREATE TABLE IF NOT EXISTS results(id INTEGER PRIMARY KEY AUTOINCREMENT, seat_id INTEGER NOT NULL REFERENCES seats(id),"
                    + " client_id TEXT NOT NULL, task INTEGER NOT NULL, kind TEXT NOT NULL, received_at INTEGER NOT NULL, late INTEGER NOT NULL,"
                    + " points REAL NOT NULL, weight INTEGER NOT NULL, targets INTEGER NOT NULL, targets_met INTEGER NOT NULL,"
                    + " guards INTEGER NOT NULL, guards_broken INTEGER NOT NULL, passed INTEGER NOT NULL, lab TEXT NOT NULL,"
                    + " detail TEXT NOT NULL, UNIQUE(seat_id, client_id))");
            st.execute("CREATE TABLE IF NOT EXISTS messages(id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, text TEXT NOT NULL)");
            st.execute("CREATE TABLE IF NOT EXISTS hints(task INTEGER PRIMARY KEY, revealed INTEGER NOT NULL)");
        }
        String v = meta("schema").orElse(null);
        if (v == null) {
            meta("schema", String.valueOf(SCHEMA));
        } else if (Integer.parseInt(v) > SCHEMA) {
            throw new UserError(file + " was written by a newer netpol-lab (schema " + v + "); use that version or another --data");
        }
    }

    public synchronized Optional<Setup> setup() {
        try {
            Optional<String> plan = meta("plan");
            if (plan.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Setup(meta("workshop_id").orElseThrow(), JSON.readValue(plan.get(), WorkshopPlan.class),
                    meta("code").orElseThrow(), meta("secret").orElseThrow(), Long.parseLong(meta("created_at").orElseThrow())));
        } catch (RuntimeException e) {
            throw new UserError("the workshop database " + file + " cannot be read: " + e.getMessage());
        }
    }

    public synchronized void create(Setup s) {
        transaction(() -> {
            meta("workshop_id", s.workshopId());
            meta("plan", JSON.writeValueAsString(s.plan()));
            meta("code", s.code());
            meta("secret", s.secret());
            meta("created_at", String.valueOf(s.createdAt()));
            return null;
        });
    }

    /** A new join code or instructor secret given on a restart. */
    public synchronized void credentials(String code, String secret) {
        transaction(() -> {
            meta("code", code);
            meta("secret", secret);
            return null;
        });
    }

    public synchronized WorkshopTimer timer() {
        return meta("timer").map(t -> JSON.readValue(t, WorkshopTimer.class)).orElse(WorkshopTimer.NOT_STARTED);
    }

    public synchronized void timer(WorkshopTimer t) {
        transaction(() -> {
            meta("timer", JSON.writeValueAsString(t));
            return null;
        });
    }

    public synchronized long closedAt() {
        return meta("closed_at").map(Long::parseLong).orElse(0L);
    }

    public synchronized void close(long now) {
        transaction(() -> {
            meta("closed_at", String.valueOf(now));
            return null;
        });
    }

    public synchronized Seat addSeat(String name, String tokenHash, long now, String lab) throws NameTaken {
        try (PreparedStatement find = db.prepareStatement("SELECT 1 FROM seats WHERE name = ?")) {
            find.setString(1, name);
            try (ResultSet r = find.executeQuery()) {
                if (r.next()) {
                    throw new NameTaken(name);
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        long id = transaction(() -> {
            try (PreparedStatement ins = db.prepareStatement("INSERT INTO seats(name, token_hash, joined_at, last_seen, current_task, lab)"
                    + " VALUES(?,?,?,?,0,?)", Statement.RETURN_GENERATED_KEYS)) {
                ins.setString(1, name);
                ins.setString(2, tokenHash);
                ins.setLong(3, now);
                ins.setLong(4, now);
                ins.setString(5, lab);
                ins.executeUpdate();
                try (ResultSet k = ins.getGeneratedKeys()) {
                    k.next();
                    return k.getLong(1);
                }
            }
        });
        return new Seat(id, name, tokenHash, now, now, 0, lab);
    }

    public synchronized List<Seat> seats() {
        List<Seat> out = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("SELECT id, name, token_hash, joined_at, last_seen, current_task, lab FROM seats ORDER BY id");
             ResultSet r = q.executeQuery()) {
            while (r.next()) {
                out.add(new Seat(r.getLong(1), r.getString(2), r.getString(3), r.getLong(4), r.getLong(5), r.getInt(6), r.getString(7)));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }

    /** The seat is on this task now (first visits are kept: they start the task's time). */
    public synchronized void visit(long seat, int task, long now, String lab) {
        transaction(() -> {
            try (PreparedStatement u = db.prepareStatement("UPDATE seats SET last_seen = ?, current_task = ?, lab = ? WHERE id = ?");
                 PreparedStatement v = db.prepareStatement("INSERT OR IGNORE INTO visits(seat_id, task, first_at) VALUES(?,?,?)")) {
                u.setLong(1, now);
                u.setInt(2, task);
                u.setString(3, lab);
                u.setLong(4, seat);
                u.executeUpdate();
                v.setLong(1, seat);
                v.setInt(2, task);
                v.setLong(3, now);
                v.executeUpdate();
            }
            return null;
        });
    }

    /** First visit of each task by each seat: seat → task → epoch ms. */
    public synchronized Map<Long, Map<Integer, Long>> visits() {
        Map<Long, Map<Integer, Long>> out = new LinkedHashMap<>();
        try (PreparedStatement q = db.prepareStatement("SELECT seat_id, task, first_at FROM visits"); ResultSet r = q.executeQuery()) {
            while (r.next()) {
                out.computeIfAbsent(r.getLong(1), k -> new LinkedHashMap<>()).put(r.getInt(2), r.getLong(3));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }

    /**
     * Stores a result once: a second call with the same seat and client id stores nothing and returns the first.
     *
     * @return the stored result, and whether it was stored before
     */
    public synchronized Stored insert(SeatResult r) {
        Optional<SeatResult> existing = find(r.seat(), r.clientId());
        if (existing.isPresent()) {
            return new Stored(existing.get(), true);
        }
        long id = transaction(() -> {
            try (PreparedStatement ins = db.prepareStatement("INSERT INTO results(seat_id, client_id, task, kind, received_at, late, points, weight,"
                    + " targets, targets_met, guards, guards_broken, passed, lab, detail) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                TaskScore s = r.score();
                ins.setLong(1, r.seat());
                ins.setString(2, r.clientId());
                ins.setInt(3, r.task());
                ins.setString(4, r.kind());
                ins.setLong(5, r.receivedAt());
                ins.setInt(6, r.late() ? 1 : 0);
                ins.setDouble(7, s.points());
                ins.setInt(8, s.weight());
                ins.setInt(9, s.targets());
                ins.setInt(10, s.targetsMet());
                ins.setInt(11, s.guards());
                ins.setInt(12, s.guardsBroken());
                ins.setInt(13, s.passed() ? 1 : 0);
                ins.setString(14, r.lab());
                ins.setString(15, JSON.writeValueAsString(r.detail()));
                ins.executeUpdate();
                try (ResultSet k = ins.getGeneratedKeys()) {
                    k.next();
                    return k.getLong(1);
                }
            }
        });
        return new Stored(new SeatResult(id, r.seat(), r.clientId(), r.task(), r.kind(), r.receivedAt(), r.late(), r.score(), r.lab(), r.detail()),
                false);
    }

    public record Stored(SeatResult result, boolean duplicate) {
    }

    /** The result a seat sent with this client id, if it was stored. */
    public synchronized Optional<SeatResult> find(long seat, String clientId) {
        List<SeatResult> r = query("WHERE seat_id = ? AND client_id = ?", seat, clientId);
        return r.stream().findFirst();
    }

    /** Every result, oldest first. */
    public synchronized List<SeatResult> results() {
        return query("");
    }

    private List<SeatResult> query(String where, Object... args) {
        List<SeatResult> out = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("SELECT id, seat_id, client_id, task, kind, received_at, late, points, weight, targets,"
                + " targets_met, guards, guards_broken, passed, lab, detail FROM results " + where + " ORDER BY id")) {
            for (int i = 0; i < args.length; i++) {
                q.setObject(i + 1, args[i]);
            }
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    TaskScore s = new TaskScore(r.getDouble(8), r.getInt(9), r.getInt(10), r.getInt(11), r.getInt(12), r.getInt(13), r.getInt(14) == 1);
                    out.add(new SeatResult(r.getLong(1), r.getLong(2), r.getString(3), r.getInt(4), r.getString(5), r.getLong(6), r.getInt(7) == 1,
                            s, r.getString(15), JSON.readValue(r.getString(16), SeatResult.Detail.class)));
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }

    public synchronized Message addMessage(String text, long now) {
        long id = transaction(() -> {
            try (PreparedStatement ins = db.prepareStatement("INSERT INTO messages(at, text) VALUES(?,?)", Statement.RETURN_GENERATED_KEYS)) {
                ins.setLong(1, now);
                ins.setString(2, text);
                ins.executeUpdate();
                try (ResultSet k = ins.getGeneratedKeys()) {
                    k.next();
                    return k.getLong(1);
                }
            }
        });
        return new Message(id, now, text);
    }

    public synchronized List<Message> messages() {
        List<Message> out = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement("SELECT id, at, text FROM messages ORDER BY id"); ResultSet r = q.executeQuery()) {
            while (r.next()) {
                out.add(new Message(r.getLong(1), r.getLong(2), r.getString(3)));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }

    /** How many hints of each task the instructor has revealed. */
    public synchronized Map<Integer, Integer> hints() {
        Map<Integer, Integer> out = new LinkedHashMap<>();
        try (PreparedStatement q = db.prepareStatement("SELECT task, revealed FROM hints"); ResultSet r = q.executeQuery()) {
            while (r.next()) {
                out.put(r.getInt(1), r.getInt(2));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }

    public synchronized void hints(int task, int revealed) {
        transaction(() -> {
            try (PreparedStatement u = db.prepareStatement("INSERT INTO hints(task, revealed) VALUES(?,?)"
                    + " ON CONFLICT(task) DO UPDATE SET revealed = excluded.revealed")) {
                u.setInt(1, task);
                u.setInt(2, revealed);
                u.executeUpdate();
            }
            return null;
        });
    }

    private Optional<String> meta(String key) {
        try (PreparedStatement q = db.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            q.setString(1, key);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void meta(String key, String value) throws SQLException {
        try (PreparedStatement u = db.prepareStatement("INSERT INTO meta(key, value) VALUES(?,?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
            u.setString(1, key);
            u.setString(2, value);
            u.executeUpdate();
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs the work in one transaction, committed (durably: synchronous=FULL) before this returns. */
    private <T> T transaction(Work<T> work) {
        try {
            db.setAutoCommit(false);
            try {
                T t = work.run();
                db.commit();
                return t;
            } catch (SQLException | RuntimeException e) {
                db.rollback();
                throw e;
            } finally {
                db.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private IllegalStateException failure(SQLException e) {
        return new IllegalStateException("workshop database " + file + ": " + e.getMessage(), e);
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // Closing after a failure: nothing more to save.
        }
    }
}
