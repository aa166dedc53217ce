package dev.netpollab.bench;

import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.workshop.SimulatedRoom;
import dev.netpollab.workshop.Workshop;
import dev.netpollab.workshop.WorkshopPlan;
import dev.netpollab.workshop.WorkshopServer;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * {@code make bench}, workshop part: 100 simulated learners send 20 checks each, all at once, to a workshop
 * server on 127.0.0.1 (its database synced on every commit, as in a real workshop); every result must be
 * stored exactly once. Prints the latency percentiles of one result (grading and storing included).
 */
public final class WorkshopBench {
    private WorkshopBench() {
    }

    public static void main(String[] args) throws Exception {
        int learners = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int checks = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        ScenarioLibrary lib = ScenarioLibrary.load(List.of());
        Path data = Files.createTempDirectory("netpol-lab-workshop-bench");
        try (Workshop w = Workshop.open(data, Optional.of(WorkshopPlan.fromItems(lib, List.of("default-deny-scope"), null)), "BENCH1",
                "bench-secret-123", Clock.systemUTC())) {
            WorkshopServer server = WorkshopServer.start(w, "127.0.0.1", 0, p -> "");
            try {
                URI base = URI.create("http://127.0.0.1:" + server.port());
                // A short warm-up room, so the percentiles measure the server and not the JIT compiler.
                try (Workshop warm = Workshop.open(Files.createTempDirectory("netpol-lab-workshop-warm"),
                        Optional.of(WorkshopPlan.fromItems(lib, List.of("default-deny-scope"), null)), "WARM11", "bench-secret-123", Clock.systemUTC())) {
                    WorkshopServer ws = WorkshopServer.start(warm, "127.0.0.1", 0, p -> "");
                    SimulatedRoom.run(URI.create("http://127.0.0.1:" + ws.port()), "WARM11", warm.plan().scenarios().get(0), 10, 20, 0, Duration.ofMinutes(2));
                    ws.close();
                }
                SimulatedRoom.Outcome o = SimulatedRoom.run(base, "BENCH1", w.plan().scenarios().get(0), learners, checks, 0, Duration.ofMinutes(5));
                int stored = w.allResults().size();
                int distinct = new HashSet<>(w.allResults().stream().map(r -> r.seat() + "/" + r.clientId()).toList()).size();
                System.out.printf("%d learners x %d checks on 127.0.0.1: %d sent, %d stored, %d distinct (%s)%n", learners, checks, o.sent(), stored,
                        distinct, stored == learners * checks && distinct == stored ? "every result stored exactly once" : "MISMATCH");
                System.out.printf("latency of one check (graded and synced to disk): p50 %d ms, p95 %d ms, p99 %d ms, max %d ms; "
                                + "%.0f results/s over %d ms%n", o.percentile(50), o.percentile(95), o.percentile(99), o.percentile(100),
                        o.sent() * 1000.0 / Math.max(1, o.wallMs()), o.wallMs());
                if (stored != learners * checks || distinct != stored) {
                    System.exit(1);
                }
            } finally {
                server.close();
            }
        }
    }
}
