package dev.netpollab.workshop;

import dev.netpollab.scenario.UserError;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The learner's side of the workshop API over HTTP (the JDK's client). A refusal (4xx) is a {@link Refusal};
 * a server that does not answer, or answers 5xx, is an {@link IOException}: worth trying again later.
 */
public final class WorkshopClient {
    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    public WorkshopClient(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The server's address as typed: http(s)://HOST[:PORT], no path, query or credentials. */
    public static URI parseUrl(String url) {
        try {
            URI u = new URI(url.strip().replaceAll("/+$", ""));
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null
                    || u.getUserInfo() != null || u.getQuery() != null || u.getFragment() != null || (u.getPath() != null && !u.getPath().isEmpty())) {
                throw new UserError("the workshop address must look like http://HOST:PORT (as the instructor shows it), not " + url);
            }
            return u;
        } catch (URISyntaxException e) {
            throw new UserError("the workshop address must look like http://HOST:PORT, not " + url + " (" + e.getReason() + ")");
        }
    }

    public URI base() {
        return base;
    }

    public WorkshopApi.Joined join(String code, String name, String lab) throws IOException {
        return call("POST", "/api/join", null, json(new WorkshopApi.JoinRequest(code, name, lab)), WorkshopApi.Joined.class);
    }

    public WorkshopApi.Joined rejoin(long seat, String token) throws IOException {
        return call("GET", "/api/seats/" + seat, token, null, WorkshopApi.Joined.class);
    }

    public WorkshopApi.SeatState state(long seat, String token, long since) throws IOException {
        return call("GET", "/api/seats/" + seat + "/state?since=" + since, token, null, WorkshopApi.SeatState.class);
    }

    public void visit(long seat, String token, int task, String lab) throws IOException {
        call("POST", "/api/seats/" + seat + "/visit", token, json(new WorkshopApi.Visit(task, lab)), Object.class);
    }

    public List<WorkshopApi.TaskWork> work(long seat, String token) throws IOException {
        String body = raw("GET", "/api/seats/" + seat + "/work", token, null);
        return WorkshopApi.LENIENT.readValue(body, new TypeReference<List<WorkshopApi.TaskWork>>() { });
    }

    /** Sends a result as queued (its JSON text, unchanged, so a re-send is the same request). */
    public WorkshopApi.Ack send(long seat, String token, String resultJson) throws IOException {
        return call("POST", "/api/seats/" + seat + "/results", token, resultJson, WorkshopApi.Ack.class);
    }

    static String json(Object o) {
        return WorkshopApi.LENIENT.writeValueAsString(o);
    }

    private <T> T call(String method, String path, String token, String body, Class<T> type) throws IOException {
        String text = raw(method, path, token, body);
        try {
            return WorkshopApi.LENIENT.readValue(text, type);
        } catch (JacksonException e) {
            throw new IOException("the workshop server answered something unexpected: " + e.getOriginalMessage());
        }
    }

    private String raw(String method, String path, String token, String body) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ConnectException e) {
            throw new IOException("the workshop server at " + base + " does not answer (connection refused)", e);
        }
        if (r.statusCode() >= 500) {
            throw new IOException("the workshop server failed (HTTP " + r.statusCode() + ")");
        }
        if (r.statusCode() >= 400) {
            String error = "HTTP " + r.statusCode();
            try {
                WorkshopApi.Problem p = WorkshopApi.LENIENT.readValue(r.body(), WorkshopApi.Problem.class);
                error = p.error() != null ? p.error() : error;
            } catch (JacksonException e) {
                // Not our server's error format; the status says enough.
            }
            throw new Refusal(r.statusCode(), error);
        }
        return r.body();
    }
}
