package dev.netpollab.workshop;

import dev.netpollab.scenario.KubeYaml;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A workshop server on a free loopback port over a temporary data directory, and plain HTTP calls to it. */
final class WorkshopFixture implements AutoCloseable {
    static final String CODE = "ABC123";
    static final String SECRET = "instructor-secret-42";
    static final ScenarioLibrary LIBRARY = ScenarioLibrary.load(List.of());

    final Path data;
    final Workshop workshop;
    final WorkshopServer server;
    final URI base;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Response(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            return WorkshopApi.LENIENT.readTree(body);
        }
    }

    WorkshopFixture(Path data, String... scenarioIds) {
        this(data, Clock.systemUTC(), scenarioIds);
    }

    WorkshopFixture(Path data, Clock clock, String... scenarioIds) {
        this.data = data;
        Optional<WorkshopPlan> plan = scenarioIds.length == 0 ? Optional.empty()
                : Optional.of(WorkshopPlan.fromItems(LIBRARY, List.of(scenarioIds), null));
        this.workshop = Workshop.open(data, plan, CODE, SECRET, clock);
        this.server = WorkshopServer.start(workshop, "127.0.0.1", 0, p -> "netpol-lab join http://127.0.0.1:" + p + " --code " + CODE + " --name NAME");
        this.base = URI.create("http://127.0.0.1:" + server.port());
    }

    Response send(String method, String path, String token, String contentType, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body(), r);
    }

    Response post(String path, String token, String json) throws IOException, InterruptedException {
        return send("POST", path, token, "application/json", json);
    }

    Response get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, token, null, null);
    }

    /** Joins and returns the seat. */
    WorkshopApi.Joined join(String name) throws IOException, InterruptedException {
        Response r = post("/api/join", null, WorkshopClient.json(new WorkshopApi.JoinRequest(CODE, name, "embedded")));
        if (r.status() != 200) {
            throw new AssertionError("join " + name + ": " + r.status() + " " + r.body());
        }
        return WorkshopApi.LENIENT.readValue(r.body(), WorkshopApi.Joined.class);
    }

    /** A result body for a task with these policies (the task's scenario as the workshop names it). */
    String result(int task, String kind, List<NetworkPolicy> policies) {
        return result(UUID.randomUUID().toString(), task, kind, policies);
    }

    String result(String clientId, int task, String kind, List<NetworkPolicy> policies) {
        List<JsonNode> nodes = new ArrayList<>();
        for (NetworkPolicy np : policies) {
            nodes.add(WorkshopApi.LENIENT.readTree(KubeYaml.serialization().asJson(np)));
        }
        return WorkshopClient.json(new WorkshopApi.ResultBody(clientId, kind, task, workshop.plan().tasks().get(task).scenarioId(), nodes,
                new WorkshopApi.Observed("embedded", List.of(), List.of())));
    }

    Scenario scenario(int task) {
        return workshop.scenario(task);
    }

    @Override
    public void close() {
        server.close();
        workshop.close();
    }
}
