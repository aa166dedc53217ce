package dev.netpollab.workshop;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The learner's results on their way to the workshop server: each one a file in a queue directory, written
 * and synced before {@code check} returns, sent in order by one background thread, and deleted only once the
 * server has acknowledged it. While the server cannot be reached, sending is retried with exponential backoff
 * (with jitter, so a room does not retry in step); a result survives the learner's shell being closed and is
 * sent by the next one. The server stores a result once per client id, so a re-send after a lost
 * acknowledgement is harmless. A result the server refuses (4xx) is moved to {@code rejected/}, never lost.
 */
public final class ResultQueue implements AutoCloseable {
    /** Sends one result's JSON; throws {@link Refusal} when the server refuses it, IOException when it cannot be reached. */
    @FunctionalInterface
    public interface Sender {
        WorkshopApi.Ack send(String json) throws IOException;
    }

    /** What the queue tells its owner (from its own thread). */
    public interface Events {
        void sent(String clientId, WorkshopApi.Ack ack);

        void rejected(String clientId, Refusal why, Path keptAt);

        void waiting(int queued, Duration retryIn, String why);
    }

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private final Path dir;
    private final Sender sender;
    private final Events events;
    private final Duration min;
    private final Duration max;
    private final Object lock = new Object();
    private final Map<String, WorkshopApi.Ack> acks = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, WorkshopApi.Ack> e) {
            return size() > 200;
        }
    };
    private final Thread thread;
    private volatile boolean closed;
    private boolean wake;
    private int failures;
    private volatile String lastProblem;

    /**
     * @param min the first retry delay; doubled after each failure up to {@code max}
     */
    public ResultQueue(Path dir, Sender sender, Events events, Duration min, Duration max) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.sender = sender;
        this.events = events;
        this.min = min;
        this.max = max;
        this.thread = new Thread(this::run, "workshop-queue");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Queues a result durably (on disk, synced) and wakes the sender. */
    public void add(String clientId, String json) throws IOException {
        String name = String.format("%013d-%06d-%s.json", System.currentTimeMillis(), SEQUENCE.incrementAndGet() % 1_000_000, clientId);
        Path tmp = dir.resolve("." + name + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        syncDirectory();
        retryNow();
    }

    private void syncDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the rename is still atomic.
        }
    }

    /** Results waiting to be sent. */
    public int size() {
        return pending().size();
    }

    public Path directory() {
        return dir;
    }

    /** Why the last attempt failed, while results are waiting; null when the last one went through. */
    public String problem() {
        return lastProblem;
    }

    /** Try now instead of waiting out the backoff (the server answered something else, or a result was added). */
    public void retryNow() {
        synchronized (lock) {
            wake = true;
            lock.notifyAll();
        }
    }

    /** The server's acknowledgement of this result, waiting for it at most {@code d}. */
    public Optional<WorkshopApi.Ack> await(String clientId, Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        synchronized (lock) {
            while (!acks.containsKey(clientId)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    return Optional.empty();
                }
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
            return Optional.of(acks.get(clientId));
        }
    }

    /** Waits until every queued result is sent (true) or the time is up (false). */
    public boolean drain(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        retryNow();
        while (size() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            synchronized (lock) {
                try {
                    lock.wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return true;
    }

    private List<Path> pending() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private void run() {
        while (!closed) {
            List<Path> queue = pending();
            if (queue.isEmpty()) {
                pause(Duration.ofSeconds(5));
                continue;
            }
            Path head = queue.get(0);
            String clientId = clientId(head);
            String json;
            try {
                json = Files.readString(head, StandardCharsets.UTF_8);
            } catch (IOException e) {
                // Vanished (sent by another shell of the same seat) or unreadable: look again.
                pause(Duration.ofMillis(100));
                continue;
            }
            try {
                WorkshopApi.Ack ack = sender.send(json);
                Files.deleteIfExists(head);
                syncDirectory();
                failures = 0;
                lastProblem = null;
                synchronized (lock) {
                    acks.put(clientId, ack);
                    lock.notifyAll();
                }
                events.sent(clientId, ack);
            } catch (Refusal r) {
                if (r.status() == 401 || r.status() == 429) {
                    // Not this result's fault: the seat is unknown (a new workshop?) or the server is busy; keep it.
                    backoff(queue.size(), r.getMessage());
                    continue;
                }
                Path kept = keep(head);
                lastProblem = null;
                synchronized (lock) {
                    lock.notifyAll();
                }
                events.rejected(clientId, r, kept);
            } catch (IOException | RuntimeException e) {
                backoff(queue.size(), e.getMessage());
            }
        }
    }

    private void backoff(int queued, String why) {
        lastProblem = why;
        long base = Math.min(max.toMillis(), min.toMillis() << Math.min(failures, 20));
        failures++;
        Duration delay = Duration.ofMillis((long) (base * ThreadLocalRandom.current().nextDouble(0.8, 1.2)));
        events.waiting(queued, delay, why);
        pause(delay);
    }

    private Path keep(Path head) {
        try {
            Path rejected = Files.createDirectories(dir.resolve("rejected"));
            return Files.move(head, rejected.resolve(head.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            return head;
        }
    }

    static String clientId(Path file) {
        String n = file.getFileName().toString();
        String[] parts = n.substring(0, n.length() - ".json".length()).split("-", 3);
        return parts.length == 3 ? parts[2] : n;
    }

    private void pause(Duration d) {
        synchronized (lock) {
            if (wake) {
                wake = false;
                return;
            }
            try {
                lock.wait(Math.max(1, d.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closed = true;
            }
            wake = false;
        }
    }

    /** Results the server refused, kept for the learner (and their instructor) to look at. */
    public List<Path> rejected() {
        Path r = dir.resolve("rejected");
        if (!Files.isDirectory(r)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(r)) {
            return new ArrayList<>(s.sorted().toList());
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public void close() {
        closed = true;
        retryNow();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
