package dev.netpollab.workshop;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The learner's durable queue: on disk first, sent in order, retried with backoff, deleted only when acknowledged. */
class ResultQueueTest {
    @TempDir
    Path dir;

    private static final WorkshopApi.Ack ACK = new WorkshopApi.Ack(1, false, new TaskScore(1, 1, 1, 1, 0, 0, true), 0, false);

    /** Records what it was sent; fails while {@code down} is set. */
    static final class FakeServer implements ResultQueue.Sender {
        final List<String> received = Collections.synchronizedList(new ArrayList<>());
        final List<Long> attempts = Collections.synchronizedList(new ArrayList<>());
        final AtomicBoolean down = new AtomicBoolean();
        volatile Refusal refuse;

        @Override
        public WorkshopApi.Ack send(String json) throws IOException {
            attempts.add(System.nanoTime());
            if (down.get()) {
                throw new IOException("connection refused");
            }
            if (refuse != null && json.contains("refuse-me")) {
                throw refuse;
            }
            received.add(json);
            return ACK;
        }
    }

    static final class Events implements ResultQueue.Events {
        final List<String> rejected = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger waits = new AtomicInteger();

        @Override
        public void sent(String clientId, WorkshopApi.Ack ack) {
        }

        @Override
        public void rejected(String clientId, Refusal why, Path keptAt) {
            rejected.add(clientId + " " + why.status());
        }

        @Override
        public void waiting(int queued, Duration retryIn, String why) {
            waits.incrementAndGet();
        }
    }

    @Test
    @DisplayName("results queued while the server is away survive the shell closing and are sent in order by the next one, once each")
    void survivesRestart() throws Exception {
        FakeServer server = new FakeServer();
        server.down.set(true);
        ResultQueue first = new ResultQueue(dir, server, new Events(), Duration.ofMillis(20), Duration.ofMillis(100));
        first.start();
        for (int i = 0; i < 5; i++) {
            first.add("id-" + i, "{\"n\":" + i + "}");
        }
        assertThat(first.drain(Duration.ofMillis(300))).isFalse();
        first.close();
        assertThat(server.received).isEmpty();
        assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".json")).count()).isEqualTo(5);

        server.down.set(false);
        ResultQueue second = new ResultQueue(dir, server, new Events(), Duration.ofMillis(20), Duration.ofMillis(100));
        second.start();
        assertThat(second.drain(Duration.ofSeconds(10))).isTrue();
        second.close();
        assertThat(server.received).containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}");
        assertThat(second.size()).isZero();
    }

    @Test
    @DisplayName("retries back off exponentially while the server is down, and stop as soon as it answers")
    void backsOff() throws Exception {
        FakeServer server = new FakeServer();
        server.down.set(true);
        Events events = new Events();
        try (ResultQueue q = new ResultQueue(dir, server, events, Duration.ofMillis(40), Duration.ofMillis(400))) {
            q.start();
            q.add("a", "{}");
            Thread.sleep(1500);
            // 40, 80, 160, 320, 400, 400 ms (±20 %): at most 7 attempts in 1.5 s, where a fixed 40 ms retry would make ~37.
            int tries = server.attempts.size();
            assertThat(tries).isBetween(4, 8);
            long firstGap = server.attempts.get(1) - server.attempts.get(0);
            long laterGap = server.attempts.get(tries - 1) - server.attempts.get(tries - 2);
            assertThat(laterGap).isGreaterThan(firstGap * 3);
            assertThat(q.problem()).contains("connection refused");
            server.down.set(false);
            q.retryNow();
            assertThat(q.await("a", Duration.ofSeconds(5))).contains(ACK);
            assertThat(q.size()).isZero();
            assertThat(q.problem()).isNull();
        }
    }

    @Test
    @DisplayName("a result the server refuses is kept in rejected/ and does not block the ones after it; an unknown seat keeps it queued")
    void refused() throws Exception {
        FakeServer server = new FakeServer();
        server.refuse = new Refusal(422, "policies[0]: invalid");
        Events events = new Events();
        try (ResultQueue q = new ResultQueue(dir, server, events, Duration.ofMillis(20), Duration.ofMillis(50))) {
            q.start();
            q.add("bad", "{\"refuse-me\":1}");
            q.add("good", "{\"ok\":1}");
            assertThat(q.await("good", Duration.ofSeconds(5))).isPresent();
            assertThat(events.rejected).containsExactly("bad 422");
            assertThat(q.rejected()).singleElement().satisfies(p -> assertThat(Files.readString(p)).contains("refuse-me"));
            server.refuse = new Refusal(401, "unknown seat token");
            q.add("kept", "{\"refuse-me\":2}");
            assertThat(q.drain(Duration.ofMillis(300))).isFalse();
            assertThat(q.size()).isEqualTo(1);
            assertThat(q.rejected()).hasSize(1);
        }
    }
}
