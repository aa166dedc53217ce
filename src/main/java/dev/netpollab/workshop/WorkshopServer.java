package dev.netpollab.workshop;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import io.javalin.http.sse.SseClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The workshop's HTTP server (Javalin on Jetty): the learners' API (join code, then a per-seat token for
 * every call, each seat reading and writing only itself), the instructor's API (the secret, exchanged for an
 * HttpOnly cookie so the page's address can drop it), the dashboard and projector pages, and their live feed
 * over server-sent events. Bodies are bounded and decoded strictly; nothing secret is logged.
 */
public final class WorkshopServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkshopServer.class);
    static final String COOKIE = "netpol_lab_instructor";
    private static final Map<String, String> PAGES = Map.of("/", "index.html", "/dashboard", "board.html", "/projector", "board.html",
            "/board.js", "board.js", "/board.css", "board.css");
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self';"
            + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Workshop workshop;
    private volatile String join;
    private final Javalin app;
    private final Set<Feed> feeds = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "workshop-feed");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean pushPending = new AtomicBoolean();
    private final JoinThrottle throttle = new JoinThrottle();

    /** A dashboard or projector connected to the live feed. */
    private record Feed(SseClient client, boolean anonymise) {
    }

    private WorkshopServer(Workshop workshop, Javalin app) {
        this.workshop = workshop;
        this.app = app;
    }

    /**
     * Starts serving.
     *
     * @param port        0 for a free port
     * @param joinCommand the command learners type, shown on the dashboard and the projector, from the port really bound
     */
    public static WorkshopServer start(Workshop workshop, String bind, int port, java.util.function.IntFunction<String> joinCommand) {
        WorkshopServer[] self = new WorkshopServer[1];
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = WorkshopApi.MAX_BODY;
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.http.asyncTimeout = 0;
            // Results are committed before they are acknowledged, so a stop need not wait for open connections.
            config.jetty.modifyServer(server -> server.setStopTimeout(0));
            config.routes.before(ctx -> {
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Referrer-Policy", "no-referrer");
                ctx.header("Cache-Control", "no-store");
            });
            config.routes.before("/api/instructor/*", ctx -> {
                if (!ctx.path().equals("/api/instructor/login")) {
                    self[0].requireInstructor(ctx);
                }
            });
            config.routes.before("/api/projector/*", ctx -> self[0].requireProjector(ctx));
            config.routes.before(ctx -> {
                if (ctx.method().name().equals("POST") && !Objects.toString(ctx.contentType(), "").startsWith("application/json")) {
                    // Also a CSRF guard: a cross-site form cannot send JSON without a preflight this server never allows.
                    throw new Refusal(415, "requests must be JSON (Content-Type: application/json)");
                }
            });
            PAGES.forEach((path, file) -> config.routes.get(path, ctx -> self[0].page(ctx, file)));
            config.routes.post("/api/join", ctx -> self[0].joinSeat(ctx));
            config.routes.get("/api/seats/{seat}", ctx -> send(ctx, 200, workshop.rejoin(self[0].seat(ctx))));
            config.routes.get("/api/seats/{seat}/state", ctx -> send(ctx, 200, workshop.state(self[0].seat(ctx), sinceParam(ctx))));
            config.routes.get("/api/seats/{seat}/work", ctx -> send(ctx, 200, workshop.work(self[0].seat(ctx))));
            config.routes.post("/api/seats/{seat}/visit", ctx -> {
                long seat = self[0].seat(ctx);
                workshop.visit(seat, read(ctx, WorkshopApi.Visit.class));
                send(ctx, 200, Map.of("ok", true));
            });
            config.routes.post("/api/seats/{seat}/results", ctx -> {
                long seat = self[0].seat(ctx);
                send(ctx, 200, workshop.receive(seat, read(ctx, WorkshopApi.ResultBody.class)));
            });
            config.routes.post("/api/instructor/login", ctx -> self[0].login(ctx));
            config.routes.get("/api/instructor/board", ctx -> send(ctx, 200, workshop.board(self[0].join, false)));
            config.routes.sse("/api/instructor/events", client -> self[0].subscribe(client, false));
            config.routes.get("/api/instructor/seats/{seat}/tasks/{task}", ctx -> send(ctx, 200,
                    workshop.detail(number(ctx.pathParam("seat")), (int) number(ctx.pathParam("task")))));
            config.routes.post("/api/instructor/timer", ctx -> {
                JsonNode b = read(ctx, JsonNode.class);
                workshop.timer(b.path("action").asString(null), b.has("minutes") ? b.get("minutes").asInt() : null);
                send(ctx, 200, Map.of("ok", true));
            });
            config.routes.post("/api/instructor/hints", ctx -> {
                JsonNode b = read(ctx, JsonNode.class);
                if (!b.path("task").isInt()) {
                    throw new Refusal(422, "task: Required value");
                }
                send(ctx, 200, Map.of("revealed", workshop.revealHint(b.get("task").asInt())));
            });
            config.routes.post("/api/instructor/messages", ctx -> send(ctx, 200, workshop.message(read(ctx, JsonNode.class).path("text").asString(null))));
            config.routes.post("/api/instructor/close", ctx -> {
                workshop.closeWorkshop();
                send(ctx, 200, Map.of("ok", true));
            });
            config.routes.get("/api/instructor/export.csv", ctx -> export(ctx, "text/csv", "csv", WorkshopExport.csv(workshop)));
            config.routes.get("/api/instructor/export.json", ctx -> export(ctx, "application/json", "json", WorkshopExport.json(workshop)));
            config.routes.get("/api/instructor/export.md", ctx -> export(ctx, "text/markdown", "md", WorkshopExport.markdown(workshop, self[0].join)));
            config.routes.get("/api/projector/board", ctx -> send(ctx, 200, workshop.board(self[0].join, anonymise(ctx))));
            config.routes.sse("/api/projector/events", client -> self[0].subscribe(client, anonymise(client.ctx())));
            config.routes.exception(Refusal.class, (e, ctx) -> send(ctx, e.status(), new WorkshopApi.Problem(e.status(), e.getMessage())));
            config.routes.exception(JacksonException.class, (e, ctx) -> send(ctx, 400, new WorkshopApi.Problem(400, decodingError(e))));
            config.routes.exception(Exception.class, (e, ctx) -> {
                // The request's headers (tokens, cookies) are never logged: only the method, the route and the failure.
                LOG.error("workshop server: {} {} failed", ctx.method(), ctx.endpoint() == null ? "?" : ctx.endpoint().path, e);
                send(ctx, 500, new WorkshopApi.Problem(500, "internal error; the instructor's log has the details"));
            });
        });
        WorkshopServer server = new WorkshopServer(workshop, app);
        self[0] = server;
        workshop.onChange(server::changed);
        app.start(bind, port);
        server.join = joinCommand.apply(app.port());
        server.pusher.scheduleAtFixedRate(server::push, 10, 10, TimeUnit.SECONDS);
        return server;
    }

    public int port() {
        return app.port();
    }

    // ---- requests ----

    private void page(Context ctx, String file) {
        ctx.header("Content-Security-Policy", CSP);
        String type = file.endsWith(".js") ? "text/javascript" : file.endsWith(".css") ? "text/css" : "text/html";
        ctx.contentType(type + "; charset=utf-8").result(resource(file));
    }

    private static byte[] resource(String file) {
        try (InputStream in = WorkshopServer.class.getResourceAsStream("/workshop/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks /workshop/" + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void joinSeat(Context ctx) {
        String ip = ctx.ip();
        throttle.check(ip);
        WorkshopApi.JoinRequest req = read(ctx, WorkshopApi.JoinRequest.class);
        try {
            send(ctx, 200, workshop.join(req));
        } catch (Refusal r) {
            if (r.status() == 403) {
                throttle.failed(ip);
            }
            throw r;
        }
    }

    /** The seat of the path, if the bearer token is that seat's. */
    private long seat(Context ctx) {
        return workshop.authorize(bearer(ctx), number(ctx.pathParam("seat")));
    }

    private static String bearer(Context ctx) {
        String h = ctx.header("Authorization");
        return h != null && h.startsWith("Bearer ") ? h.substring(7).strip() : null;
    }

    private void requireInstructor(Context ctx) {
        String b = bearer(ctx);
        if (b != null ? workshop.instructor(b) : Tokens.same(cookieValue(), ctx.cookie(COOKIE))) {
            return;
        }
        throw new Refusal(401, "instructor only: open the Dashboard address that `workshop serve` printed (it carries the secret)");
    }

    private void requireProjector(Context ctx) {
        if (Tokens.same(workshop.code(), ctx.queryParam("code")) || Tokens.same(cookieValue(), ctx.cookie(COOKIE))) {
            return;
        }
        throw new Refusal(401, "the projector view needs the join code: /projector?code=CODE");
    }

    /** The cookie stands for the secret without being it: a keyed hash of the workshop id, which changes with the secret. */
    private String cookieValue() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(workshop.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(("instructor:" + workshop.id()).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private void login(Context ctx) {
        JsonNode b = read(ctx, JsonNode.class);
        if (!workshop.instructor(b.path("secret").asString(""))) {
            throw new Refusal(401, "wrong instructor secret");
        }
        ctx.cookie(new Cookie(COOKIE, cookieValue(), "/", -1, false, true, null, SameSite.STRICT));
        send(ctx, 200, Map.of("ok", true));
    }

    private static boolean anonymise(Context ctx) {
        return "1".equals(ctx.queryParam("anon")) || "true".equals(ctx.queryParam("anon"));
    }

    private static long sinceParam(Context ctx) {
        String s = ctx.queryParam("since");
        return s == null ? 0 : number(s);
    }

    private static long number(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new Refusal(400, "not a number: " + (s.length() > 20 ? s.substring(0, 20) + "…" : s));
        }
    }

    /** The body, at most {@link WorkshopApi#MAX_BODY} bytes, decoded strictly. */
    static <T> T read(Context ctx, Class<T> type) {
        byte[] body;
        try (InputStream in = ctx.bodyInputStream()) {
            body = in.readNBytes(WorkshopApi.MAX_BODY + 1);
        } catch (IOException e) {
            throw new Refusal(400, "the request body could not be read");
        }
        if (body.length > WorkshopApi.MAX_BODY) {
            throw new Refusal(413, "the request body is larger than " + WorkshopApi.MAX_BODY / 1024 + " KiB");
        }
        if (body.length == 0) {
            throw new Refusal(400, "the request body is empty");
        }
        T value = WorkshopApi.STRICT.readValue(body, type);
        if (value == null) {
            throw new Refusal(400, "the request body is empty");
        }
        return value;
    }

    /** Worded as the API server words a strict decoding error, without naming our classes. */
    private static String decodingError(JacksonException e) {
        if (e instanceof tools.jackson.databind.exc.UnrecognizedPropertyException u) {
            return "strict decoding error: unknown field \"" + u.getPropertyName() + "\"";
        }
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().replaceAll("\\(class [^)]*\\)", "").replaceAll("`[a-z.]+\\.([A-Za-z$]+)`", "$1");
        return "the request body is not the JSON expected: " + m;
    }

    static void send(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json; charset=utf-8").result(WorkshopApi.LENIENT.writeValueAsString(body));
    }

    private static void export(Context ctx, String type, String ext, String content) {
        ctx.header("Content-Disposition", "attachment; filename=\"workshop." + ext + "\"");
        ctx.contentType(type + "; charset=utf-8").result(content);
    }

    // ---- live feed ----

    private void subscribe(SseClient client, boolean anonymise) {
        Feed f = new Feed(client, anonymise);
        feeds.add(f);
        client.onClose(() -> feeds.remove(f));
        client.sendEvent("board", WorkshopApi.LENIENT.writeValueAsString(workshop.board(join, anonymise)));
        client.keepAlive();
    }

    /** Something changed: push within 200 ms, once for a burst of changes. */
    private void changed() {
        if (pushPending.compareAndSet(false, true)) {
            pusher.schedule(() -> {
                pushPending.set(false);
                push();
            }, 200, TimeUnit.MILLISECONDS);
        }
    }

    private void push() {
        if (feeds.isEmpty()) {
            return;
        }
        String[] json = new String[2];
        for (Feed f : feeds) {
            int i = f.anonymise() ? 1 : 0;
            try {
                if (json[i] == null) {
                    json[i] = WorkshopApi.LENIENT.writeValueAsString(workshop.board(join, f.anonymise()));
                }
                if (f.client().terminated()) {
                    feeds.remove(f);
                } else {
                    f.client().sendEvent("board", json[i]);
                }
            } catch (RuntimeException e) {
                feeds.remove(f);
            }
        }
    }

    @Override
    public void close() {
        pusher.shutdownNow();
        feeds.forEach(f -> {
            try {
                f.client().close();
            } catch (RuntimeException e) {
                // Already gone.
            }
        });
        try {
            app.stop();
        } catch (RuntimeException e) {
            LOG.warn("workshop server: stopping: {}", e.toString());
        }
    }

    /** Slows down guessing of join codes: too many wrong codes from one address in a minute get 429. */
    private static final class JoinThrottle {
        private static final int LIMIT = 20;
        private final Map<String, long[]> failures = new ConcurrentHashMap<>();

        void check(String ip) {
            long[] f = failures.get(ip);
            if (f != null && f[1] > System.currentTimeMillis() - 60_000 && f[0] >= LIMIT) {
                throw new Refusal(429, "too many wrong join codes from this address; wait a minute");
            }
        }

        void failed(String ip) {
            failures.compute(ip, (k, f) -> f == null || f[1] < System.currentTimeMillis() - 60_000
                    ? new long[]{1, System.currentTimeMillis()} : new long[]{f[0] + 1, f[1]});
        }
    }
}
