package dev.netpollab.workshop;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server as its own process: learners' results go through their durable queues while the server is
 * killed with SIGKILL mid-run and restarted on the same data; every acknowledged result is still there,
 * the queued ones arrive, and none is stored twice. And a learner's `join` run through a pipe.
 */
class WorkshopProcessTest {
    @TempDir
    Path dir;
    final List<Process> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(Process::destroyForcibly);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.netpollab.cli.Main"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Starts `workshop serve` and waits for its Learners line. */
    private Process serve(Path data, int port, Path log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(java("workshop", "serve", "--scenarios", "default-deny-scope,leftover-allow-all", "--port",
                String.valueOf(port), "--data", data.toString(), "--code", "ROOM42", "--secret", "process-test-secret"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("NETPOL_LAB_HOME", dir.resolve("server-home").toString());
        Process p = pb.start();
        started.add(p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).split("Learners: ", -1).length > started.stream().filter(x -> x != p).count() + 1) {
                return p;
            }
            if (!p.isAlive()) {
                throw new AssertionError("the server stopped: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not start: " + Files.readString(log));
    }

    @Test
    @DisplayName("kill -9 mid-run and a restart: every acknowledged result is kept, queued ones arrive, none twice")
    void killedAndRestarted() throws Exception {
        int port = freePort();
        Path data = dir.resolve("data");
        Path log = dir.resolve("server.log");
        Process first = serve(data, port, log);
        URI base = URI.create("http://127.0.0.1:" + port);
        WorkshopClient client = new WorkshopClient(base, Duration.ofSeconds(5));

        int learners = 8;
        int perLearner = 15;
        Set<String> acked = Collections.synchronizedSet(new HashSet<>());
        List<ResultQueue> queues = new ArrayList<>();
        List<String> sentIds = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < learners; i++) {
            WorkshopApi.Joined seat = client.join("ROOM42", "learner-" + i, "embedded");
            ResultQueue q = new ResultQueue(dir.resolve("queue-" + i), json -> client.send(seat.seat(), seat.token(), json),
                    new ResultQueue.Events() {
                        @Override
                        public void sent(String clientId, WorkshopApi.Ack ack) {
                            acked.add(clientId);
                        }

                        @Override
                        public void rejected(String clientId, Refusal why, Path keptAt) {
                            throw new AssertionError("refused: " + why.getMessage());
                        }

                        @Override
                        public void waiting(int queued, Duration retryIn, String why) {
                        }
                    }, Duration.ofMillis(100), Duration.ofSeconds(1));
            q.start();
            queues.add(q);
        }
        String result = "{\"clientId\":\"%s\",\"kind\":\"check\",\"task\":0,\"scenario\":\"default-deny-scope\",\"policies\":[],"
                + "\"observed\":{\"lab\":\"embedded\",\"cells\":[],\"integrity\":[]}}";
        for (int round = 0; round < perLearner; round++) {
            if (round == perLearner / 3) {
                // Let the first third be acknowledged, then kill the server without warning.
                for (ResultQueue q : queues) {
                    assertThat(q.drain(Duration.ofSeconds(30))).isTrue();
                }
                first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            for (ResultQueue q : queues) {
                String id = UUID.randomUUID().toString();
                sentIds.add(id);
                q.add(id, result.formatted(id));
            }
        }
        Set<String> ackedBeforeRestart = new HashSet<>(acked);
        assertThat(ackedBeforeRestart).hasSizeGreaterThanOrEqualTo(learners * (perLearner / 3));
        assertThat(queues.stream().mapToInt(ResultQueue::size).sum()).isGreaterThan(0);
        serve(data, port, log);
        for (ResultQueue q : queues) {
            assertThat(q.drain(Duration.ofSeconds(60))).isTrue();
            q.close();
        }
        var http = java.net.http.HttpClient.newHttpClient();
        var req = java.net.http.HttpRequest.newBuilder(base.resolve("/api/instructor/export.json"))
                .header("Authorization", "Bearer process-test-secret").build();
        String json = http.send(req, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        JsonNode results = WorkshopApi.LENIENT.readTree(json).path("results");
        List<String> stored = new ArrayList<>();
        results.forEach(r -> stored.add(r.path("clientId").asString()));
        assertThat(stored).hasSize(learners * perLearner).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sentIds);
        assertThat(stored).containsAll(ackedBeforeRestart);
    }

    @Test
    @DisplayName("a learner's `join` through a pipe: the workshop's task, a check sent, the server's score; a wrong code is refused")
    void joinThroughPipe() throws Exception {
        int port = freePort();
        serve(dir.resolve("data"), port, dir.resolve("server.log"));
        ProcessBuilder pb = new ProcessBuilder(java("join", "http://127.0.0.1:" + port, "--code", "ROOM42", "--name", "erin", "--lab", "embedded"))
                .redirectErrorStream(true);
        pb.environment().put("NETPOL_LAB_HOME", dir.resolve("learner-home").toString());
        Process p = pb.start();
        started.add(p);
        p.getOutputStream().write("check\ntasks\nquit\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("Seat 1 as erin").contains("Task 1/2").contains("FAIL  3/7 probes and 2/3 object checks met")
                .contains("Sent to the workshop: 0/5 points").contains("0.0/5").doesNotContain("Exception");

        ProcessBuilder wrong = new ProcessBuilder(java("join", "http://127.0.0.1:" + port, "--code", "NOPE99", "--name", "eve", "--lab", "embedded"))
                .redirectErrorStream(true);
        wrong.environment().put("NETPOL_LAB_HOME", dir.resolve("eve-home").toString());
        Process w = wrong.start();
        started.add(w);
        w.getOutputStream().close();
        String refused;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(w.getInputStream(), StandardCharsets.UTF_8))) {
            refused = String.join("\n", r.lines().toList());
        }
        assertThat(w.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(w.exitValue()).isEqualTo(2);
        assertThat(refused).contains("error: the workshop at http://127.0.0.1:" + port + " refused to seat you: wrong join code")
                .doesNotContain("Exception");
    }
}
