package dev.netpollab.workshop;

import dev.netpollab.scenario.KubeYaml;
import dev.netpollab.scenario.Scenario;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Simulated learners against a workshop server on loopback: each joins, then sends its checks one after the
 * other (the broken policies, then the solution, alternating, so the server really grades), all learners at
 * once. Bounded in count and time. Used by the load test and by `make bench`.
 */
public final class SimulatedRoom {
    /** @param latenciesMs one per result sent; @param resent results sent twice (a lost acknowledgement) */
    public record Outcome(List<Long> latenciesMs, int sent, int resent, int duplicatesAcknowledged, long wallMs) {
        public long percentile(double p) {
            List<Long> sorted = new ArrayList<>(latenciesMs);
            Collections.sort(sorted);
            return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100 * sorted.size()) - 1));
        }
    }

    private SimulatedRoom() {
    }

    /**
     * @param resendEvery every n-th result is sent a second time with the same client id (0: never)
     */
    public static Outcome run(URI base, String code, Scenario task0, int learners, int checks, int resendEvery, Duration limit) throws Exception {
        WorkshopClient client = new WorkshopClient(base, Duration.ofSeconds(30));
        List<String> bodies = List.of(body(task0, task0.brokenPolicies()), body(task0, task0.solutionPolicies()));
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        int[] resent = new int[1];
        int[] dupAcks = new int[1];
        ExecutorService pool = Executors.newFixedThreadPool(learners);
        long start = System.nanoTime();
        try {
            List<Future<?>> all = new ArrayList<>();
            for (int l = 0; l < learners; l++) {
                String name = "sim-" + l;
                all.add(pool.submit(() -> {
                    WorkshopApi.Joined seat = client.join(code, name, "embedded");
                    for (int c = 0; c < checks; c++) {
                        String id = UUID.randomUUID().toString();
                        String json = bodies.get(c % 2).replace("CLIENT-ID", id);
                        long t0 = System.nanoTime();
                        client.send(seat.seat(), seat.token(), json);
                        latencies.add((System.nanoTime() - t0) / 1_000_000);
                        if (resendEvery > 0 && (c + 1) % resendEvery == 0) {
                            WorkshopApi.Ack again = client.send(seat.seat(), seat.token(), json);
                            synchronized (resent) {
                                resent[0]++;
                                dupAcks[0] += again.duplicate() ? 1 : 0;
                            }
                        }
                    }
                    return null;
                }));
            }
            long deadline = System.nanoTime() + limit.toNanos();
            for (Future<?> f : all) {
                f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return new Outcome(List.copyOf(latencies), latencies.size(), resent[0], dupAcks[0], (System.nanoTime() - start) / 1_000_000);
    }

    private static String body(Scenario s, List<NetworkPolicy> policies) {
        List<JsonNode> nodes = policies.stream().map(p -> WorkshopApi.LENIENT.readTree(KubeYaml.serialization().asJson(p))).toList();
        return WorkshopClient.json(new WorkshopApi.ResultBody("CLIENT-ID", "check", 0, s.id(), nodes,
                new WorkshopApi.Observed("embedded", List.of(), List.of())));
    }
}
