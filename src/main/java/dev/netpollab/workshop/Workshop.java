package dev.netpollab.workshop;

import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.UserError;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * A workshop in progress on the instructor's machine: its tasks, seats, results, clock, messages and hints.
 * Every change is written to the {@link WorkshopStore} before it is acknowledged; what the dashboard reads
 * is kept in memory and rebuilt from the store on a restart. Results are graded outside the lock.
 */
public final class Workshop implements AutoCloseable {
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final int MAX_SEATS = 500;

    private final WorkshopStore store;
    private final Clock clock;
    private final String workshopId;
    private final WorkshopPlan plan;
    private final List<SubmissionGrader.GradedTask> tasks;
    private volatile String code;
    private volatile String secret;
    private final Map<Long, WorkshopStore.Seat> seats = new LinkedHashMap<>();
    private final Map<String, Long> seatByToken = new HashMap<>();
    private final Map<Long, Map<Integer, SeatResult>> latest = new HashMap<>();
    private final Map<Long, Map<Integer, Integer>> checks = new HashMap<>();
    private final Map<Long, Map<Integer, Boolean>> submitted = new HashMap<>();
    private final Map<Long, Map<Integer, Long>> visits = new HashMap<>();
    private final Map<Long, Map<Integer, Long>> firstPass = new HashMap<>();
    private final Map<Long, Double> bestTotal = new HashMap<>();
    private final Map<Long, Long> lastProgress = new HashMap<>();
    private final List<WorkshopStore.Message> messages = new ArrayList<>();
    private Map<Integer, Integer> hints;
    private WorkshopTimer timer;
    private long closedAt;
    private int results;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    private Workshop(WorkshopStore store, WorkshopStore.Setup setup, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.workshopId = setup.workshopId();
        this.plan = setup.plan();
        this.code = setup.code();
        this.secret = setup.secret();
        List<Scenario> scenarios = plan.scenarios();
        List<SubmissionGrader.GradedTask> t = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            t.add(SubmissionGrader.GradedTask.of(scenarios.get(i), plan.tasks().get(i).weight()));
        }
        this.tasks = List.copyOf(t);
        reload();
    }

    /**
     * Opens the workshop kept in {@code dataDir}, or creates it there.
     *
     * @param requested the tasks asked for on the command line; required for a new workshop, and when the
     *                  directory holds one already, they must be its tasks (it carries on with them)
     * @param code      the join code, or null for the stored (or a random) one
     * @param secret    the instructor secret, or null for the stored (or a random) one
     */
    public static Workshop open(Path dataDir, Optional<WorkshopPlan> requested, String code, String secret, Clock clock) {
        WorkshopStore store = WorkshopStore.open(dataDir);
        try {
            Optional<WorkshopStore.Setup> existing = store.setup();
            WorkshopStore.Setup setup;
            if (existing.isPresent()) {
                setup = existing.get();
                if (requested.isPresent() && !ids(requested.get()).equals(ids(setup.plan()))) {
                    throw new UserError(dataDir + " holds the workshop \"" + setup.plan().title() + "\" with tasks " + String.join(", ", ids(setup.plan()))
                            + "; a restart carries on with those (leave out --set/--scenarios). For another workshop give another --data DIR");
                }
                String c = code != null ? Tokens.checkCode(code) : setup.code();
                String s = secret != null ? Tokens.checkSecret(secret) : setup.secret();
                if (!c.equals(setup.code()) || !s.equals(setup.secret())) {
                    store.credentials(c, s);
                    setup = new WorkshopStore.Setup(setup.workshopId(), setup.plan(), c, s, setup.createdAt());
                }
            } else {
                WorkshopPlan p = requested.orElseThrow(() -> new UserError("a new workshop needs its tasks: --set NAME or --scenarios ID,ID..."
                        + " (`netpol-lab list` shows the scenarios)"));
                setup = new WorkshopStore.Setup(Tokens.newId(), p, code != null ? Tokens.checkCode(code) : Tokens.newCode(),
                        secret != null ? Tokens.checkSecret(secret) : Tokens.newSecret(), clock.millis());
                store.create(setup);
            }
            return new Workshop(store, setup, clock);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static List<String> ids(WorkshopPlan p) {
        return p.tasks().stream().map(WorkshopPlan.Task::scenarioId).toList();
    }

    /** Rebuilds what the dashboard reads from the store. */
    private synchronized void reload() {
        for (WorkshopStore.Seat s : store.seats()) {
            seats.put(s.id(), s);
            seatByToken.put(s.tokenHash(), s.id());
            lastProgress.put(s.id(), s.joinedAt());
        }
        visits.putAll(store.visits());
        for (SeatResult r : store.results()) {
            remember(r);
        }
        messages.addAll(store.messages());
        hints = new HashMap<>(store.hints());
        timer = store.timer();
        closedAt = store.closedAt();
    }

    public String id() {
        return workshopId;
    }

    public WorkshopPlan plan() {
        return plan;
    }

    public String code() {
        return code;
    }

    /** The instructor's secret: shown once in the dashboard address, never logged. */
    public String secret() {
        return secret;
    }

    public Path database() {
        return store.file();
    }

    public Scenario scenario(int task) {
        return tasks.get(task).scenario();
    }

    public void onChange(Runnable r) {
        listeners.add(r);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    /** The clock as learners see it now. */
    public synchronized WorkshopApi.TimerView timer() {
        return timerView(clock.millis());
    }

    public boolean instructor(String given) {
        return Tokens.same(secret, given);
    }

    // ---- learners ----

    /**
     * A seat for a learner who knows the join code.
     *
     * @throws Refusal 403 for a wrong code, 409 for a taken name or a closed workshop, 422 for a bad name
     */
    public WorkshopApi.Joined join(WorkshopApi.JoinRequest req) {
        if (req == null || !Tokens.same(code, req.code())) {
            throw new Refusal(403, "wrong join code");
        }
        String name = checkName(req.name());
        String lab = checkLab(req.lab());
        String token = Tokens.newToken();
        WorkshopStore.Seat seat;
        synchronized (this) {
            if (closedAt > 0) {
                throw new Refusal(409, "the workshop is closed");
            }
            if (seats.size() >= MAX_SEATS) {
                throw new Refusal(409, "the workshop is full (" + MAX_SEATS + " seats)");
            }
            try {
                seat = store.addSeat(name, Tokens.hash(token), clock.millis(), lab);
            } catch (WorkshopStore.NameTaken e) {
                throw new Refusal(409, e.getMessage() + "; join with another --name");
            }
            seats.put(seat.id(), seat);
            seatByToken.put(seat.tokenHash(), seat.id());
            lastProgress.put(seat.id(), seat.joinedAt());
        }
        changed();
        return new WorkshopApi.Joined(seat.id(), seat.name(), token, workshopId, plan, 0);
    }

    /** A learner's name: 1 to 40 characters, no control characters (it is shown in pages, escaped, and in exports). */
    static String checkName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.codePointCount(0, n.length()) > WorkshopApi.MAX_NAME || n.codePoints().anyMatch(Character::isISOControl)) {
            throw new Refusal(422, "name: Invalid value: must be 1 to " + WorkshopApi.MAX_NAME + " characters without control characters");
        }
        return n;
    }

    /** The same rule, for the learner's --name before anything is sent. */
    public static String checkNameForClient(String name) {
        try {
            return checkName(name);
        } catch (Refusal r) {
            throw new UserError("--name must be 1 to " + WorkshopApi.MAX_NAME + " characters without control characters");
        }
    }

    private static String checkLab(String lab) {
        if (lab == null || !List.of("embedded", "k3s", "cluster").contains(lab)) {
            throw new Refusal(422, "lab: Unsupported value: \"" + lab + "\": supported values: \"embedded\", \"k3s\", \"cluster\"");
        }
        return lab;
    }

    /**
     * The seat a token stands for, which must be the seat of the path.
     *
     * @throws Refusal 401 for an unknown token, 403 for another seat's id
     */
    public synchronized long authorize(String token, long seatInPath) {
        Long seat = token == null ? null : seatByToken.get(Tokens.hash(token));
        if (seat == null) {
            throw new Refusal(401, "unknown seat token: join the workshop first");
        }
        if (seat != seatInPath) {
            throw new Refusal(403, "this token belongs to another seat");
        }
        return seat;
    }

    public synchronized WorkshopApi.Joined rejoin(long seat) {
        WorkshopStore.Seat s = seats.get(seat);
        return new WorkshopApi.Joined(s.id(), s.name(), null, workshopId, plan, s.currentTask());
    }

    public WorkshopApi.SeatState state(long seat, long sinceMessage) {
        long now = clock.millis();
        synchronized (this) {
            WorkshopStore.Seat s = seats.get(seat);
            if (s != null) {
                // Polls keep "last seen" fresh in memory only: it is not worth a disk write every few seconds.
                seats.put(seat, new WorkshopStore.Seat(s.id(), s.name(), s.tokenHash(), s.joinedAt(), now, s.currentTask(), s.lab()));
            }
            List<WorkshopApi.MessageView> msgs = messages.stream().filter(m -> m.id() > sinceMessage).map(Workshop::view).toList();
            List<WorkshopApi.TaskStanding> standing = new ArrayList<>();
            latest.getOrDefault(seat, Map.of()).forEach((task, r) -> standing.add(new WorkshopApi.TaskStanding(task, r.score().points(),
                    r.score().weight(), r.score().passed(), submitted.getOrDefault(seat, Map.of()).getOrDefault(task, false))));
            standing.sort(Comparator.comparingInt(WorkshopApi.TaskStanding::task));
            return new WorkshopApi.SeatState(workshopId, timerView(now), msgs, revealedHints(), closedAt > 0, standing);
        }
    }

    private static WorkshopApi.MessageView view(WorkshopStore.Message m) {
        return new WorkshopApi.MessageView(m.id(), m.at(), m.text());
    }

    private List<WorkshopApi.HintView> revealedHints() {
        List<WorkshopApi.HintView> out = new ArrayList<>();
        new TreeMap<>(hints).forEach((task, n) -> {
            List<String> h = tasks.get(task).scenario().hints();
            for (int i = 0; i < Math.min(n, h.size()); i++) {
                out.add(new WorkshopApi.HintView(task, i + 1, h.get(i)));
            }
        });
        return out;
    }

    private WorkshopApi.TimerView timerView(long now) {
        return new WorkshopApi.TimerView(timer.state(now, plan.minutes()), timer.remainingMs(now, plan.minutes()) / 1000,
                plan.minutes() + timer.extraMinutes());
    }

    public void visit(long seat, WorkshopApi.Visit v) {
        if (v == null || v.task() < 0 || v.task() >= tasks.size()) {
            throw new Refusal(422, "task: Invalid value: must be 0 to " + (tasks.size() - 1));
        }
        String lab = checkLab(v.lab());
        long now = clock.millis();
        synchronized (this) {
            store.visit(seat, v.task(), now, lab);
            WorkshopStore.Seat s = seats.get(seat);
            seats.put(seat, new WorkshopStore.Seat(s.id(), s.name(), s.tokenHash(), s.joinedAt(), now, v.task(), lab));
            visits.computeIfAbsent(seat, k -> new HashMap<>()).putIfAbsent(v.task(), now);
        }
        changed();
    }

    /**
     * Grades and stores a check or submit; the same client id is stored once, and sending it again returns
     * what was stored the first time.
     */
    public WorkshopApi.Ack receive(long seat, WorkshopApi.ResultBody body) {
        if (body == null) {
            throw new Refusal(400, "the request body is empty");
        }
        if (body.clientId() == null || !UUID.matcher(body.clientId()).matches()) {
            throw new Refusal(422, "clientId: Invalid value: must be a UUID");
        }
        if (!"check".equals(body.kind()) && !"submit".equals(body.kind())) {
            throw new Refusal(422, "kind: Unsupported value: \"" + body.kind() + "\": supported values: \"check\", \"submit\"");
        }
        if (body.task() < 0 || body.task() >= tasks.size()) {
            throw new Refusal(422, "task: Invalid value: " + body.task() + ": must be 0 to " + (tasks.size() - 1));
        }
        SubmissionGrader.GradedTask task = tasks.get(body.task());
        if (!task.scenario().id().equals(body.scenario())) {
            throw new Refusal(409, "task " + (body.task() + 1) + " of this workshop is " + task.scenario().id() + ", not " + body.scenario());
        }
        if (body.policies() == null) {
            throw new Refusal(422, "policies: Required value");
        }
        SubmissionGrader.checkObserved(body.observed());
        Optional<SeatResult> before = store.find(seat, body.clientId());
        if (before.isPresent()) {
            return ack(before.get(), true);
        }
        synchronized (this) {
            if (closedAt > 0) {
                throw new Refusal(409, "the workshop is closed; results are no longer taken");
            }
        }
        List<NetworkPolicy> policies = SubmissionGrader.admit(body.policies()).stream().map(PolicyDiff::normalized).toList();
        SubmissionGrader.Graded g = SubmissionGrader.grade(task, policies, body.observed());
        WorkshopStore.Stored stored;
        synchronized (this) {
            long now = clock.millis();
            String lab = body.observed() == null ? seats.get(seat).lab() : body.observed().lab();
            stored = store.insert(new SeatResult(0, seat, body.clientId(), body.task(), body.kind(), now, timer.over(now, plan.minutes()),
                    g.score(), lab, g.detail()));
            if (!stored.duplicate()) {
                remember(stored.result());
            }
        }
        if (!stored.duplicate()) {
            changed();
        }
        return ack(stored.result(), stored.duplicate());
    }

    private static WorkshopApi.Ack ack(SeatResult r, boolean duplicate) {
        return new WorkshopApi.Ack(r.id(), duplicate, r.score(), r.detail().disagreements().size(), r.late());
    }

    private void remember(SeatResult r) {
        results++;
        latest.computeIfAbsent(r.seat(), k -> new HashMap<>()).put(r.task(), r);
        checks.computeIfAbsent(r.seat(), k -> new HashMap<>()).merge(r.task(), 1, Integer::sum);
        if (r.submit()) {
            submitted.computeIfAbsent(r.seat(), k -> new HashMap<>()).put(r.task(), true);
        }
        if (r.score().passed()) {
            firstPass.computeIfAbsent(r.seat(), k -> new HashMap<>()).putIfAbsent(r.task(), r.receivedAt());
        }
        visits.computeIfAbsent(r.seat(), k -> new HashMap<>()).putIfAbsent(r.task(), r.receivedAt());
        double total = latest.get(r.seat()).values().stream().mapToDouble(x -> x.score().points()).sum();
        if (total > bestTotal.getOrDefault(r.seat(), 0.0) + 1e-9) {
            bestTotal.put(r.seat(), total);
            lastProgress.put(r.seat(), r.receivedAt());
        }
    }

    /** The seat's latest policies of every task it sent, to put its work back on a new lab. */
    public synchronized List<WorkshopApi.TaskWork> work(long seat) {
        return new TreeMap<>(latest.getOrDefault(seat, Map.of())).entrySet().stream()
                .map(e -> new WorkshopApi.TaskWork(e.getKey(), e.getValue().detail().policies())).toList();
    }

    // ---- instructor ----

    public void timer(String action, Integer minutes) {
        long now = clock.millis();
        synchronized (this) {
            WorkshopTimer t = switch (action == null ? "" : action) {
                case "start", "resume" -> timer.start(now);
                case "pause" -> timer.pause(now);
                case "extend" -> {
                    if (minutes == null || minutes < -600 || minutes > 600 || minutes == 0) {
                        throw new Refusal(422, "minutes: Invalid value: must be -600 to 600, not 0");
                    }
                    yield timer.extend(minutes);
                }
                default -> throw new Refusal(422, "action: Unsupported value: \"" + action + "\": supported values: \"start\", \"pause\", \"resume\", \"extend\"");
            };
            store.timer(t);
            timer = t;
        }
        changed();
    }

    public WorkshopApi.MessageView message(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.length() > WorkshopApi.MAX_TEXT || t.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw new Refusal(422, "text: Invalid value: must be 1 to " + WorkshopApi.MAX_TEXT + " characters");
        }
        WorkshopStore.Message m;
        synchronized (this) {
            m = store.addMessage(t, clock.millis());
            messages.add(m);
        }
        changed();
        return view(m);
    }

    /** Reveals the task's next hint to everyone (they see it in their shell); returns how many are revealed now. */
    public int revealHint(int task) {
        if (task < 0 || task >= tasks.size()) {
            throw new Refusal(422, "task: Invalid value: must be 0 to " + (tasks.size() - 1));
        }
        int n;
        synchronized (this) {
            int total = tasks.get(task).scenario().hints().size();
            n = hints.getOrDefault(task, 0);
            if (n >= total) {
                throw new Refusal(409, "task " + (task + 1) + " has no more hints (" + total + " revealed)");
            }
            n++;
            store.hints(task, n);
            hints.put(task, n);
        }
        changed();
        return n;
    }

    /** Ends the workshop: no more seats or results; the clock stops. */
    public void closeWorkshop() {
        synchronized (this) {
            if (closedAt == 0) {
                closedAt = clock.millis();
                store.close(closedAt);
                if (timer.running()) {
                    timer = timer.pause(closedAt);
                    store.timer(timer);
                }
            }
        }
        changed();
    }

    public synchronized boolean closed() {
        return closedAt > 0;
    }

    /** The room as the dashboard shows it. */
    public synchronized Board board(String join, boolean anonymise) {
        long now = clock.millis();
        List<Board.Column> columns = new ArrayList<>();
        for (int t = 0; t < tasks.size(); t++) {
            int task = t;
            Scenario s = tasks.get(t).scenario();
            int passed = (int) latest.values().stream().filter(m -> m.containsKey(task) && m.get(task).score().passed()).count();
            int tried = (int) latest.values().stream().filter(m -> m.containsKey(task)).count();
            columns.add(new Board.Column(t, s.id(), s.title(), tasks.get(t).weight(), s.hints().size(), hints.getOrDefault(t, 0), passed, tried));
        }
        int totalWeight = tasks.stream().mapToInt(SubmissionGrader.GradedTask::weight).sum();
        List<Board.Row> rows = new ArrayList<>();
        for (WorkshopStore.Seat seat : seats.values()) {
            Map<Integer, SeatResult> mine = latest.getOrDefault(seat.id(), Map.of());
            List<Board.Cell> cells = new ArrayList<>();
            double points = 0;
            int passed = 0;
            for (int t = 0; t < tasks.size(); t++) {
                SeatResult r = mine.get(t);
                Long visited = visits.getOrDefault(seat.id(), Map.of()).get(t);
                Long pass = firstPass.getOrDefault(seat.id(), Map.of()).get(t);
                long seconds = visited == null ? 0 : Math.max(0, ((pass != null ? pass : now) - visited) / 1000);
                if (r == null) {
                    cells.add(new Board.Cell(visited == null ? "none" : "working", 0, tasks.get(t).weight(), seconds, 0, false, 0, false));
                    continue;
                }
                points += r.score().points();
                passed += r.score().passed() ? 1 : 0;
                cells.add(new Board.Cell(r.score().passed() ? "pass" : "fail", r.score().points(), r.score().weight(), seconds,
                        checks.getOrDefault(seat.id(), Map.of()).getOrDefault(t, 0), submitted.getOrDefault(seat.id(), Map.of()).getOrDefault(t, false),
                        r.detail().disagreements().size(), r.late()));
            }
            rows.add(new Board.Row(seat.id(), anonymise ? "Learner " + seat.id() : seat.name(), seat.lab(), seat.currentTask(),
                    Math.max(0, (now - lastProgress.getOrDefault(seat.id(), seat.joinedAt())) / 1000), passed == tasks.size(),
                    Math.round(points * 100) / 100.0, totalWeight, passed, cells));
        }
        return new Board(plan.title(), join, timerView(now), closedAt > 0, now, results, columns, rows, failures(), findings(),
                messages.stream().map(Workshop::view).toList());
    }

    /** The failing cells most seats share, from each seat's latest result per task. */
    private List<Board.CommonFailure> failures() {
        return mostShared(r -> r.detail().cells().stream().filter(c -> !c.pass()).toList(), SeatResult.Cell::probe,
                (c, task, count, of) -> new Board.CommonFailure(task, c.probe(), c.expected(), c.outcome(), count, of));
    }

    /** The coach findings most seats share. */
    private List<Board.CommonFinding> findings() {
        return mostShared(r -> r.detail().findings(), SeatResult.Finding::id,
                (f, task, count, of) -> new Board.CommonFinding(task, f.id(), f.meaning(), count, of));
    }

    private interface Shared<T, R> {
        R of(T sample, int task, int count, int seats);
    }

    /**
     * What many seats have in common: each seat's latest result per task names its items (a seat counts once per
     * item), most shared first, at most ten; {@code seats} is how many seats sent a result for that task.
     */
    private <T, R> List<R> mostShared(java.util.function.Function<SeatResult, List<T>> items, java.util.function.Function<T, String> key,
                                      Shared<T, R> build) {
        Map<String, T> sample = new LinkedHashMap<>();
        Map<String, Integer> count = new HashMap<>();
        Map<String, Integer> taskOf = new HashMap<>();
        Map<Integer, Integer> seatsOf = new HashMap<>();
        for (Map<Integer, SeatResult> mine : latest.values()) {
            mine.forEach((task, r) -> {
                seatsOf.merge(task, 1, Integer::sum);
                java.util.Set<String> once = new java.util.HashSet<>();
                for (T item : items.apply(r)) {
                    String k = task + " " + key.apply(item);
                    if (once.add(k)) {
                        sample.putIfAbsent(k, item);
                        count.merge(k, 1, Integer::sum);
                        taskOf.put(k, task);
                    }
                }
            });
        }
        return sample.keySet().stream()
                .sorted(Comparator.comparing((String k) -> -count.get(k)).thenComparing(taskOf::get))
                .limit(10).map(k -> build.of(sample.get(k), taskOf.get(k), count.get(k), seatsOf.get(taskOf.get(k)))).toList();
    }

    /** One learner's latest result of a task, with their policies and the diff against the reference (instructor only). */
    public record SeatDetail(long seat, String name, int task, String scenario, SeatResult latest, String policies, List<String> diff,
                             String reference) {
    }

    public SeatDetail detail(long seat, int task) {
        if (task < 0 || task >= tasks.size()) {
            throw new Refusal(404, "no task " + task);
        }
        SeatResult r;
        String name;
        synchronized (this) {
            WorkshopStore.Seat s = seats.get(seat);
            if (s == null) {
                throw new Refusal(404, "no seat " + seat);
            }
            name = s.name();
            r = latest.getOrDefault(seat, Map.of()).get(task);
        }
        Scenario sc = tasks.get(task).scenario();
        List<String> diff = List.of();
        String yaml = "";
        if (r != null) {
            List<NetworkPolicy> mine = new ArrayList<>();
            for (String json : r.detail().policies()) {
                mine.add(dev.netpollab.scenario.KubeYaml.serialization().unmarshal(json, NetworkPolicy.class));
            }
            diff = PolicyDiff.diff(sc.solutionPolicies(), mine);
            yaml = PolicyDiff.yaml(mine);
        }
        return new SeatDetail(seat, name, task, sc.id(), r, yaml, diff, PolicyDiff.yaml(sc.solutionPolicies()));
    }

    /** Everything for the exports: every seat, every latest result, the totals. */
    public synchronized Export export() {
        return new Export(plan, List.copyOf(seats.values()), deepCopy(latest), deepCopy(submitted), deepCopy(checks), results, clock.millis());
    }

    /** A consistent copy of what the exports write. */
    public record Export(WorkshopPlan plan, List<WorkshopStore.Seat> seats, Map<Long, Map<Integer, SeatResult>> latest,
                         Map<Long, Map<Integer, Boolean>> submitted, Map<Long, Map<Integer, Integer>> checks, int results, long at) {
    }

    private static <V> Map<Long, Map<Integer, V>> deepCopy(Map<Long, Map<Integer, V>> m) {
        Map<Long, Map<Integer, V>> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, Map.copyOf(v)));
        return out;
    }

    /** Every stored result (the JSON export lists them all, so nothing received is only on the server). */
    public List<SeatResult> allResults() {
        return store.results();
    }

    /** Releases the database (the workshop itself stays as it is, for a restart). */
    @Override
    public void close() {
        store.close();
    }

    @Override
    public String toString() {
        return "workshop " + workshopId;
    }
}
