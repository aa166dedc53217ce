package dev.netpollab.workshop;

import dev.netpollab.scenario.UserError;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A learner's seat in a workshop, as their shell holds it: joined (or re-joined with the token saved on
 * their machine), the workshop's tasks, the clock, the instructor's messages and hints (polled every few
 * seconds), and the queue that carries every check and submit to the server. If the server cannot be
 * reached, a seat joined before works offline: the results wait in the queue.
 */
public final class WorkshopLink implements AutoCloseable {
    static final Duration POLL = Duration.ofSeconds(2);

    /** What is kept on the learner's machine to re-join the same seat (the token is a credential: mode 0600). */
    public record Saved(String url, String workshopId, long seat, String name, String token, WorkshopPlan plan) {
    }

    private final WorkshopClient client;
    private final Saved seat;
    private final String lab;
    private final int startTask;
    private final ResultQueue queue;
    private final ConcurrentLinkedQueue<String> news = new ConcurrentLinkedQueue<>();
    private final Map<Integer, List<String>> hints = new ConcurrentHashMap<>();
    private final Map<Integer, WorkshopApi.TaskStanding> standing = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "workshop-poll");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, WorkshopApi.Ack> lateAcks = new ConcurrentHashMap<>();
    private final Map<String, Sent> sentTasks = new ConcurrentHashMap<>();

    private record Sent(int task, boolean submit) {
    }
    private final java.util.Set<String> consumed = ConcurrentHashMap.newKeySet();
    private volatile List<WorkshopApi.TaskWork> work = List.of();
    private volatile WorkshopApi.TimerView timer = new WorkshopApi.TimerView("not-started", 0, 0);
    private volatile long timerAt = System.nanoTime();
    private volatile boolean connected;
    private volatile int visiting = -1;
    private volatile boolean closedWorkshop;
    private volatile String lastMessage;
    private final List<WorkshopApi.MessageView> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
    private long since;
    private boolean hintsKnown;

    private WorkshopLink(WorkshopClient client, Saved seat, String lab, int startTask, boolean connected, Path dir) throws IOException {
        this.client = client;
        this.seat = seat;
        this.lab = lab;
        this.startTask = startTask;
        this.connected = connected;
        this.queue = new ResultQueue(dir.resolve("queue"), json -> client.send(seat.seat(), seat.token(), json), new QueueEvents(),
                Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    /**
     * Joins the workshop at {@code url}, or takes the seat saved for this address and name back.
     *
     * @param home the learner's state directory (seats and queues go under {@code workshops/})
     * @throws UserError when the code is wrong, the name is taken, or a new seat cannot reach the server
     */
    public static WorkshopLink connect(String url, String code, String name, String lab, Path home) {
        URI base = WorkshopClient.parseUrl(url);
        String n = Workshop.checkNameForClient(name);
        WorkshopClient client = new WorkshopClient(base, Duration.ofSeconds(5));
        Path dir = home.resolve("workshops").resolve(Tokens.hash(base + "\n" + n).substring(0, 16));
        Path file = dir.resolve("seat.json");
        try {
            Saved saved = Files.exists(file) ? WorkshopApi.LENIENT.readValue(Files.readString(file), Saved.class) : null;
            if (saved != null) {
                try {
                    WorkshopApi.Joined j = client.rejoin(saved.seat(), saved.token());
                    if (j.workshopId().equals(saved.workshopId())) {
                        return started(new WorkshopLink(client, saved, lab, j.currentTask(), true, dir));
                    }
                } catch (Refusal r) {
                    // The server does not know this seat (a new workshop at the same address): join afresh.
                } catch (IOException e) {
                    WorkshopLink offline = new WorkshopLink(client, saved, lab, 0, false, dir);
                    offline.news.add("the workshop server does not answer (" + e.getMessage() + "); you work offline on your seat "
                            + saved.seat() + ", and your results are sent when it is back");
                    return started(offline);
                }
                Files.move(dir, dir.resolveSibling(dir.getFileName() + ".old-" + System.currentTimeMillis()), StandardCopyOption.ATOMIC_MOVE);
            }
            WorkshopApi.Joined j;
            try {
                j = client.join(code, n, lab);
            } catch (Refusal r) {
                throw new UserError("the workshop at " + base + " refused to seat you: " + r.getMessage());
            } catch (IOException e) {
                throw new UserError("cannot reach the workshop at " + base + ": " + e.getMessage() + "; check the address with your instructor");
            }
            Saved s = new Saved(base.toString(), j.workshopId(), j.seat(), j.name(), j.token(), j.plan());
            Files.createDirectories(dir);
            Path tmp = dir.resolve(".seat.json.tmp");
            Files.writeString(tmp, WorkshopApi.LENIENT.writeValueAsString(s));
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system.
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return started(new WorkshopLink(client, s, lab, j.currentTask(), true, dir));
        } catch (IOException e) {
            throw new UserError("cannot keep the workshop seat in " + dir + ": " + e.getMessage());
        }
    }

    private static WorkshopLink started(WorkshopLink l) {
        if (l.connected) {
            try {
                l.work = l.client.work(l.seat.seat(), l.seat.token());
            } catch (IOException | RuntimeException e) {
                // Without the stored work the tasks start from their broken state; nothing sent is lost on the server.
            }
        }
        l.queue.start();
        l.poll();
        l.poller.scheduleWithFixedDelay(l::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
        return l;
    }

    public WorkshopPlan plan() {
        return seat.plan();
    }

    public long seat() {
        return seat.seat();
    }

    public String name() {
        return seat.name();
    }

    public String url() {
        return seat.url();
    }

    public String lab() {
        return lab;
    }

    /** The task to start at: the first, or where the seat was when it left. */
    public int startTask() {
        return Math.max(0, Math.min(startTask, seat.plan().tasks().size() - 1));
    }

    /** The policies the server has from this seat for a task (its latest result), to put back on a new lab. */
    public Optional<List<String>> work(int task) {
        return work.stream().filter(w -> w.task() == task).map(WorkshopApi.TaskWork::policies).findFirst();
    }

    public boolean connected() {
        return connected;
    }

    public boolean closed() {
        return closedWorkshop;
    }

    public int queued() {
        return queue.size();
    }

    public Path queueDirectory() {
        return queue.directory();
    }

    /** The clock as the server last said, counted down locally between polls. */
    public WorkshopApi.TimerView timer() {
        WorkshopApi.TimerView t = timer;
        if (!t.state().equals("running")) {
            return t;
        }
        long left = Math.max(0, t.remainingSeconds() - (System.nanoTime() - timerAt) / 1_000_000_000L);
        return new WorkshopApi.TimerView(left == 0 ? "over" : "running", left, t.totalMinutes());
    }

    public String lastMessage() {
        return lastMessage;
    }

    /** The instructor's messages received since the shell started, oldest first. */
    public List<WorkshopApi.MessageView> messages() {
        return List.copyOf(messages);
    }

    public List<String> hints(int task) {
        return hints.getOrDefault(task, List.of());
    }

    public Optional<WorkshopApi.TaskStanding> standing(int task) {
        return Optional.ofNullable(standing.get(task));
    }

    /** Lines to show the learner since the last call: messages, hints, results sent or refused, the server coming and going. */
    public List<String> takeNews() {
        List<String> out = new ArrayList<>();
        String line;
        while ((line = news.poll()) != null) {
            out.add(line);
        }
        for (String id : List.copyOf(lateAcks.keySet())) {
            WorkshopApi.Ack a = lateAcks.remove(id);
            if (a != null) {
                out.add("a queued result reached the workshop: " + describe(a));
            }
        }
        return out;
    }

    /** Tells the server which task the learner is on (best effort: it only feeds the dashboard). */
    public void visit(int task) {
        visiting = task;
        poller.execute(() -> {
            try {
                client.visit(seat.seat(), seat.token(), task, lab);
            } catch (IOException | RuntimeException e) {
                // The dashboard learns it from the next result instead.
            }
        });
    }

    /**
     * Queues a check or submit for the server (on disk before this returns).
     *
     * @return the result's client id, to wait for its acknowledgement
     */
    public String send(String kind, int task, List<JsonNode> policies, WorkshopApi.Observed observed) throws IOException {
        String id = UUID.randomUUID().toString();
        WorkshopApi.ResultBody body = new WorkshopApi.ResultBody(id, kind, task, seat.plan().tasks().get(task).scenarioId(), policies, observed);
        sentTasks.put(id, new Sent(task, kind.equals("submit")));
        queue.add(id, WorkshopClient.json(body));
        return id;
    }

    public Optional<WorkshopApi.Ack> await(String clientId, Duration d) {
        Optional<WorkshopApi.Ack> a = queue.await(clientId, d);
        if (a.isPresent()) {
            consumed.add(clientId);
            lateAcks.remove(clientId);
        }
        return a;
    }

    /** "3.5/8 points (targets 3/4 met, guards 0/2 broken)" and whether it came late or disagreed with the lab. */
    public static String describe(WorkshopApi.Ack a) {
        TaskScore s = a.score();
        return WorkshopExport.points(s.points()) + "/" + s.weight() + " points (targets " + s.targetsMet() + "/" + s.targets() + " met, guards "
                + s.guardsBroken() + "/" + s.guards() + " broken)" + (a.late() ? ", after the time was up" : "")
                + (a.disagreements() > 0 ? ", " + a.disagreements() + " cell(s) where your lab and the engine disagree" : "");
    }

    private synchronized void poll() {
        try {
            WorkshopApi.SeatState st = client.state(seat.seat(), seat.token(), since);
            if (!st.workshopId().equals(seat.workshopId())) {
                news.add("the server at " + seat.url() + " now runs another workshop; your results stay queued in " + queue.directory());
                connected = false;
                return;
            }
            if (!connected) {
                news.add("back in touch with the workshop" + (queue.size() > 0 ? "; sending " + queue.size() + " queued result(s)" : ""));
                queue.retryNow();
                if (visiting >= 0) {
                    // The task the learner moved to while the server was away.
                    client.visit(seat.seat(), seat.token(), visiting, lab);
                }
            }
            connected = true;
            timer = st.timer();
            timerAt = System.nanoTime();
            for (WorkshopApi.MessageView m : st.messages()) {
                since = Math.max(since, m.id());
                lastMessage = m.text();
                messages.add(m);
                news.add("message from the instructor: " + m.text());
            }
            Map<Integer, List<String>> now = new java.util.HashMap<>();
            st.hints().forEach(h -> now.computeIfAbsent(h.task(), k -> new ArrayList<>()).add(h.text()));
            for (var e : now.entrySet()) {
                List<String> before = hints.getOrDefault(e.getKey(), List.of());
                for (int i = before.size(); i < e.getValue().size() && hintsKnown; i++) {
                    news.add("hint " + (i + 1) + " for task " + (e.getKey() + 1) + ": " + e.getValue().get(i));
                }
                hints.put(e.getKey(), List.copyOf(e.getValue()));
            }
            hintsKnown = true;
            st.standing().forEach(s -> standing.put(s.task(), s));
            if (st.closed() && !closedWorkshop) {
                news.add("the instructor closed the workshop: results are no longer taken; thank you!");
            }
            closedWorkshop = st.closed();
        } catch (IOException e) {
            if (connected) {
                news.add("the workshop server does not answer; your results are kept and sent when it is back");
            }
            connected = false;
        } catch (RuntimeException e) {
            connected = false;
        }
    }

    private final class QueueEvents implements ResultQueue.Events {
        @Override
        public void sent(String clientId, WorkshopApi.Ack ack) {
            Sent sent = sentTasks.remove(clientId);
            if (sent != null) {
                // The server's standing for this task, until the next poll says the same.
                WorkshopApi.TaskStanding before = standing.get(sent.task());
                standing.put(sent.task(), new WorkshopApi.TaskStanding(sent.task(), ack.score().points(), ack.score().weight(), ack.score().passed(),
                        sent.submit() || before != null && before.submitted()));
            }
            // The shell shows acknowledgements it waits for; those that come later are news.
            if (!consumed.contains(clientId)) {
                lateAcks.put(clientId, ack);
                if (consumed.contains(clientId)) {
                    lateAcks.remove(clientId);
                }
            }
        }

        @Override
        public void rejected(String clientId, Refusal why, Path keptAt) {
            news.add("the workshop refused a result (" + why.getMessage() + "); it is kept in " + keptAt);
        }

        @Override
        public void waiting(int queued, Duration retryIn, String why) {
            connected = false;
        }
    }

    /** Tries to deliver what is queued for a moment, then stops; what is left is sent by the next `join`. */
    @Override
    public void close() {
        poller.shutdownNow();
        queue.drain(Duration.ofSeconds(3));
        queue.close();
    }
}
