package dev.netpollab.workshop;

import dev.netpollab.scenario.KubeYaml;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The workshop's HTTP API as learners, instructors and attackers meet it. */
class WorkshopServerTest {
    @TempDir
    Path dir;
    WorkshopFixture w;

    @BeforeEach
    void start() {
        w = new WorkshopFixture(dir.resolve("data"), "default-deny-scope", "default-deny-egress-dns");
    }

    @AfterEach
    void stop() {
        w.close();
    }

    @Test
    @DisplayName("the join code gets a seat and a token; a wrong code, a taken name and a bad name are refused")
    void join() throws Exception {
        WorkshopApi.Joined alice = w.join("alice");
        assertThat(alice.token()).hasSizeGreaterThan(30);
        assertThat(alice.plan().tasks()).extracting(WorkshopPlan.Task::scenarioId).containsExactly("default-deny-scope", "default-deny-egress-dns");
        assertThat(alice.plan().tasks().get(0).text()).contains("kind: Scenario");
        assertThat(w.post("/api/join", null, "{\"code\":\"WRONG1\",\"name\":\"bob\",\"lab\":\"embedded\"}").status()).isEqualTo(403);
        WorkshopFixture.Response taken = w.post("/api/join", null, "{\"code\":\"ABC123\",\"name\":\"ALICE\",\"lab\":\"embedded\"}");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().path("error").asString()).contains("taken");
        assertThat(w.post("/api/join", null, "{\"code\":\"ABC123\",\"name\":\"a\\u0007b\",\"lab\":\"embedded\"}").status()).isEqualTo(422);
        assertThat(w.post("/api/join", null, "{\"code\":\"ABC123\",\"name\":\"" + "x".repeat(41) + "\",\"lab\":\"embedded\"}").status()).isEqualTo(422);
        assertThat(w.post("/api/join", null, "{\"code\":\"ABC123\",\"name\":\"carol\",\"lab\":\"docker\"}").status()).isEqualTo(422);
    }

    @Test
    @DisplayName("guessing join codes is slowed down: after 20 wrong codes the address gets 429")
    void throttled() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertThat(w.post("/api/join", null, "{\"code\":\"GUESS" + i + "\",\"name\":\"x\",\"lab\":\"embedded\"}").status()).isEqualTo(403);
        }
        assertThat(w.post("/api/join", null, "{\"code\":\"ABC123\",\"name\":\"x\",\"lab\":\"embedded\"}").status()).isEqualTo(429);
    }

    @Test
    @DisplayName("a seat's calls need its own token: none or an unknown one is 401, another seat's id is 403")
    void tokens() throws Exception {
        WorkshopApi.Joined alice = w.join("alice");
        WorkshopApi.Joined bob = w.join("bob");
        String body = w.result(0, "check", w.scenario(0).solutionPolicies());
        assertThat(w.get("/api/seats/" + alice.seat() + "/state", null).status()).isEqualTo(401);
        assertThat(w.get("/api/seats/" + alice.seat() + "/state", "not-a-token").status()).isEqualTo(401);
        assertThat(w.get("/api/seats/" + bob.seat() + "/state", alice.token()).status()).isEqualTo(403);
        assertThat(w.post("/api/seats/" + bob.seat() + "/results", alice.token(), body).status()).isEqualTo(403);
        assertThat(w.get("/api/seats/" + bob.seat() + "/work", alice.token()).status()).isEqualTo(403);
        assertThat(w.get("/api/seats/" + alice.seat() + "/state", alice.token()).status()).isEqualTo(200);
        assertThat(w.get("/api/seats/abc/state", alice.token()).status()).isEqualTo(400);
        assertThat(w.workshop.board("", false).results()).isZero();
    }

    @Test
    @DisplayName("the server grades the policies it receives; the same client id is stored once")
    void gradedOnce() throws Exception {
        WorkshopApi.Joined alice = w.join("alice");
        String id = UUID.randomUUID().toString();
        String body = w.result(id, 0, "check", w.scenario(0).solutionPolicies());
        WorkshopFixture.Response first = w.post("/api/seats/" + alice.seat() + "/results", alice.token(), body);
        assertThat(first.status()).isEqualTo(200);
        WorkshopApi.Ack a = WorkshopApi.LENIENT.readValue(first.body(), WorkshopApi.Ack.class);
        assertThat(a.duplicate()).isFalse();
        assertThat(a.score().points()).isEqualTo(w.workshop.plan().tasks().get(0).weight());
        assertThat(a.score().passed()).isTrue();
        WorkshopApi.Ack again = WorkshopApi.LENIENT.readValue(w.post("/api/seats/" + alice.seat() + "/results", alice.token(), body).body(),
                WorkshopApi.Ack.class);
        assertThat(again.duplicate()).isTrue();
        assertThat(again.result()).isEqualTo(a.result());
        assertThat(w.workshop.allResults()).hasSize(1);
        WorkshopApi.Ack broken = WorkshopApi.LENIENT.readValue(w.post("/api/seats/" + alice.seat() + "/results", alice.token(),
                w.result(0, "check", w.scenario(0).brokenPolicies())).body(), WorkshopApi.Ack.class);
        assertThat(broken.score().points()).isZero();
        assertThat(w.workshop.allResults()).hasSize(2);
        assertThat(w.workshop.board("", false).seats().get(0).cells().get(0).state()).isEqualTo("fail");
    }

    @Test
    @DisplayName("what the learner's lab observed is kept beside the engine's grade; disagreements are flagged, never scored")
    void observedBeside() throws Exception {
        WorkshopApi.Joined alice = w.join("alice");
        JsonNode body = WorkshopApi.LENIENT.readTree(w.result(0, "check", w.scenario(0).brokenPolicies()));
        ((tools.jackson.databind.node.ObjectNode) body).set("observed", WorkshopApi.LENIENT.readTree("""
                {"lab": "k3s", "integrity": [], "cells": [
                  {"probe": "web/frontend -> payments/ledger:5432/TCP", "outcome": "blocked"},
                  {"probe": "web/frontend -> payments/api:8080/TCP", "outcome": "allowed"}]}"""));
        WorkshopApi.Ack a = WorkshopApi.LENIENT.readValue(w.post("/api/seats/" + alice.seat() + "/results", alice.token(), body.toString()).body(),
                WorkshopApi.Ack.class);
        assertThat(a.disagreements()).isEqualTo(1);
        assertThat(a.score().points()).as("the engine's grade counts: the broken policies meet no target").isZero();
        assertThat(w.workshop.board("", false).seats().get(0).cells().get(0).disagreements()).isEqualTo(1);
        SeatResult stored = w.workshop.allResults().get(0);
        assertThat(stored.lab()).isEqualTo("k3s");
        assertThat(stored.detail().disagreements()).containsExactly(
                new SeatResult.Disagreement("web/frontend -> payments/ledger:5432/TCP", "allowed", "blocked"));
        ((tools.jackson.databind.node.ObjectNode) body.get("observed").get("cells").get(0)).put("outcome", "maybe");
        ((tools.jackson.databind.node.ObjectNode) body).put("clientId", UUID.randomUUID().toString());
        assertThat(w.post("/api/seats/" + alice.seat() + "/results", alice.token(), body.toString()).status()).isEqualTo(422);
    }

    @Test
    @DisplayName("a learner cannot type in a score: fields the API does not know are refused")
    void noScoreFromLearners() throws Exception {
        WorkshopApi.Joined alice = w.join("alice");
        JsonNode body = WorkshopApi.LENIENT.readTree(w.result(0, "check", w.scenario(0).brokenPolicies()));
        ((tools.jackson.databind.node.ObjectNode) body).put("score", 100);
        WorkshopFixture.Response r = w.post("/api/seats/" + alice.seat() + "/results", alice.token(), body.toString());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("error").asString()).isEqualTo("strict decoding error: unknown field \"score\"");
        assertThat(w.workshop.allResults()).isEmpty();
    }

    @Test
    @DisplayName("malformed, oversized, non-JSON and invalid bodies are refused with 400, 413, 415 and 422")
    void refusedBodies() throws Exception {
        WorkshopApi.Joined alice = w.join("alice");
        String path = "/api/seats/" + alice.seat() + "/results";
        assertThat(w.post(path, alice.token(), "{\"clientId\": ").status()).isEqualTo(400);
        assertThat(w.post(path, alice.token(), "[1,2,3]").status()).isEqualTo(400);
        assertThat(w.post(path, alice.token(), "").status()).isEqualTo(400);
        assertThat(w.send("POST", path, alice.token(), "text/plain", "hello").status()).isEqualTo(415);
        String big = "{\"clientId\":\"" + "a".repeat(WorkshopApi.MAX_BODY) + "\"}";
        assertThat(w.post(path, alice.token(), big).status()).isEqualTo(413);
        NetworkPolicy bad = (NetworkPolicy) KubeYaml.read("bad", """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: bad-port, namespace: payments}
                spec:
                  podSelector: {}
                  ingress:
                    - ports: [{port: 70000}]
                """).get(0).object();
        WorkshopFixture.Response invalid = w.post(path, alice.token(), w.result(0, "check", List.of(bad)));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().path("error").asString())
                .contains("NetworkPolicy.networking.k8s.io \"bad-port\" is invalid: spec.ingress[0].ports[0].port: Invalid value: 70000");
        JsonNode unknownField = WorkshopApi.LENIENT.readTree(w.result(0, "check", w.scenario(0).brokenPolicies()));
        ((tools.jackson.databind.node.ObjectNode) unknownField.get("policies").get(0).get("spec")).put("podSelectr", "x");
        WorkshopFixture.Response strict = w.post(path, alice.token(), unknownField.toString());
        assertThat(strict.status()).isEqualTo(400);
        assertThat(strict.json().path("error").asString()).contains("unknown field \"spec.podSelectr\"");
        JsonNode kind = WorkshopApi.LENIENT.readTree(w.result(0, "grade", w.scenario(0).brokenPolicies()));
        assertThat(w.post(path, alice.token(), kind.toString()).status()).isEqualTo(422);
        JsonNode task = WorkshopApi.LENIENT.readTree(w.result(0, "check", w.scenario(0).brokenPolicies()));
        ((tools.jackson.databind.node.ObjectNode) task).put("task", 7);
        assertThat(w.post(path, alice.token(), task.toString()).status()).isEqualTo(422);
        ((tools.jackson.databind.node.ObjectNode) task).put("task", 1);
        assertThat(w.post(path, alice.token(), task.toString()).status()).isEqualTo(409);
        JsonNode outcome = WorkshopApi.LENIENT.readTree(w.post("/api/join", null, "{}").body());
        assertThat(outcome.path("status").asInt()).isEqualTo(403);
        assertThat(w.workshop.allResults()).isEmpty();
    }

    @Test
    @DisplayName("instructor endpoints need the secret: as a bearer token, or the HttpOnly cookie the login sets")
    void instructor() throws Exception {
        assertThat(w.get("/api/instructor/board", null).status()).isEqualTo(401);
        assertThat(w.get("/api/instructor/board", "wrong").status()).isEqualTo(401);
        assertThat(w.get("/api/instructor/export.csv", null).status()).isEqualTo(401);
        assertThat(w.post("/api/instructor/close", null, "{}").status()).isEqualTo(401);
        assertThat(w.get("/api/instructor/board", WorkshopFixture.SECRET).status()).isEqualTo(200);
        assertThat(w.post("/api/instructor/login", null, "{\"secret\":\"nope\"}").status()).isEqualTo(401);
        WorkshopFixture.Response login = w.post("/api/instructor/login", null, "{\"secret\":\"" + WorkshopFixture.SECRET + "\"}");
        assertThat(login.status()).isEqualTo(200);
        String cookie = login.raw().headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("HttpOnly").containsIgnoringCase("SameSite=Strict").doesNotContain(WorkshopFixture.SECRET);
        String pair = cookie.split(";")[0];
        var req = java.net.http.HttpRequest.newBuilder(w.base.resolve("/api/instructor/board")).header("Cookie", pair).build();
        assertThat(w.http.send(req, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        var forged = java.net.http.HttpRequest.newBuilder(w.base.resolve("/api/instructor/board"))
                .header("Cookie", WorkshopServer.COOKIE + "=" + "0".repeat(64)).build();
        assertThat(w.http.send(forged, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        WorkshopFixture.Response page = w.get("/dashboard", null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
        assertThat(page.body()).doesNotContain(WorkshopFixture.SECRET);
    }

    @Test
    @DisplayName("the projector needs the join code; with anon=1 it shows no names; it never carries policies")
    void projector() throws Exception {
        WorkshopApi.Joined alice = w.join("alice");
        w.post("/api/seats/" + alice.seat() + "/results", alice.token(), w.result(0, "check", w.scenario(0).solutionPolicies()));
        assertThat(w.get("/api/projector/board", null).status()).isEqualTo(401);
        assertThat(w.get("/api/projector/board?code=WRONG1", null).status()).isEqualTo(401);
        WorkshopFixture.Response named = w.get("/api/projector/board?code=ABC123", null);
        assertThat(named.status()).isEqualTo(200);
        assertThat(named.body()).contains("\"alice\"").doesNotContain("podSelector");
        WorkshopFixture.Response anon = w.get("/api/projector/board?code=ABC123&anon=1", null);
        assertThat(anon.body()).doesNotContain("alice").contains("Learner " + alice.seat());
        assertThat(w.get("/api/instructor/seats/" + alice.seat() + "/tasks/0", null).status()).isEqualTo(401);
    }

    @Test
    @DisplayName("timer, messages, hints and closing reach the learners' state")
    void controls() throws Exception {
        WorkshopApi.Joined alice = w.join("alice");
        String state = "/api/seats/" + alice.seat() + "/state";
        assertThat(w.get(state, alice.token()).json().path("timer").path("state").asString()).isEqualTo("not-started");
        assertThat(w.post("/api/instructor/timer", WorkshopFixture.SECRET, "{\"action\":\"start\"}").status()).isEqualTo(200);
        assertThat(w.get(state, alice.token()).json().path("timer").path("state").asString()).isEqualTo("running");
        w.post("/api/instructor/timer", WorkshopFixture.SECRET, "{\"action\":\"pause\"}");
        w.post("/api/instructor/timer", WorkshopFixture.SECRET, "{\"action\":\"extend\",\"minutes\":5}");
        JsonNode timer = w.get(state, alice.token()).json().path("timer");
        assertThat(timer.path("state").asString()).isEqualTo("paused");
        assertThat(timer.path("totalMinutes").asInt()).isEqualTo(w.workshop.plan().minutes() + 5);
        assertThat(w.post("/api/instructor/timer", WorkshopFixture.SECRET, "{\"action\":\"rewind\"}").status()).isEqualTo(422);
        assertThat(w.post("/api/instructor/messages", WorkshopFixture.SECRET, "{\"text\":\"Break until 10:30\"}").status()).isEqualTo(200);
        assertThat(w.post("/api/instructor/hints", WorkshopFixture.SECRET, "{\"task\":0}").json().path("revealed").asInt()).isEqualTo(1);
        JsonNode st = w.get(state, alice.token()).json();
        assertThat(st.path("messages").get(0).path("text").asString()).isEqualTo("Break until 10:30");
        assertThat(st.path("hints").get(0).path("text").asString()).isEqualTo(w.scenario(0).hints().get(0));
        long last = st.path("messages").get(0).path("id").asLong();
        assertThat(w.get(state + "?since=" + last, alice.token()).json().path("messages")).isEmpty();
        assertThat(w.post("/api/instructor/close", WorkshopFixture.SECRET, "{}").status()).isEqualTo(200);
        assertThat(w.get(state, alice.token()).json().path("closed").asBoolean()).isTrue();
        assertThat(w.post("/api/join", null, "{\"code\":\"ABC123\",\"name\":\"late\",\"lab\":\"embedded\"}").status()).isEqualTo(409);
        assertThat(w.post("/api/seats/" + alice.seat() + "/results", alice.token(), w.result(0, "check", List.of())).status()).isEqualTo(409);
    }

    @Test
    @DisplayName("the instructor sees one learner's policies and their diff against the reference")
    void seatDetail() throws Exception {
        WorkshopApi.Joined alice = w.join("alice");
        w.post("/api/seats/" + alice.seat() + "/results", alice.token(), w.result(0, "check", w.scenario(0).brokenPolicies()));
        JsonNode d = w.get("/api/instructor/seats/" + alice.seat() + "/tasks/0", WorkshopFixture.SECRET).json();
        assertThat(d.path("name").asString()).isEqualTo("alice");
        assertThat(d.path("latest").path("detail").path("policies").toString()).contains("default-deny-ingress");
        String diff = d.path("diff").toString();
        assertThat(diff).contains("--- reference").contains("+++ learner").contains("-  podSelector: {}").contains("+      app: api");
        assertThat(w.get("/api/instructor/seats/99/tasks/0", WorkshopFixture.SECRET).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("neither the secret nor a seat token is written to the log")
    void noSecretsInLog() throws Exception {
        WorkshopApi.Joined alice = w.join("alice");
        w.get("/api/instructor/board", WorkshopFixture.SECRET);
        w.post("/api/seats/" + alice.seat() + "/results", alice.token(), "{broken");
        w.get("/api/seats/" + alice.seat() + "/state", alice.token() + "x");
        Path log = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile", "target/test-log.txt"));
        String text = Files.exists(log) ? Files.readString(log) : "";
        assertThat(text).doesNotContain(WorkshopFixture.SECRET).doesNotContain(alice.token());
    }
}
