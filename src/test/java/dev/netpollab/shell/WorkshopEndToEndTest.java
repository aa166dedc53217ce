package dev.netpollab.shell;

import dev.netpollab.lab.EmbeddedLab;
import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.workshop.Board;
import dev.netpollab.workshop.Workshop;
import dev.netpollab.workshop.WorkshopLink;
import dev.netpollab.workshop.WorkshopPlan;
import dev.netpollab.workshop.WorkshopServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** One JVM: a workshop server and three learners in their shells on the embedded lab, checking and submitting. */
class WorkshopEndToEndTest {
    @TempDir
    Path home;
    Workshop workshop;
    WorkshopServer server;
    String url;

    static final String FIX = ShellEndToEndTest.FIXED_DEFAULT_DENY;

    @BeforeEach
    void start() {
        System.setProperty("netpollab.home", home.resolve("learners").toString());
        ScenarioLibrary lib = ScenarioLibrary.load(List.of());
        workshop = Workshop.open(home.resolve("server"), Optional.of(WorkshopPlan.fromItems(lib, List.of("default-deny-scope", "leftover-allow-all"), 30)),
                "ROOM42", "the-instructor-secret", Clock.systemUTC());
        server = WorkshopServer.start(workshop, "127.0.0.1", 0, p -> "netpol-lab join http://127.0.0.1:" + p + " --code ROOM42 --name NAME");
        url = "http://127.0.0.1:" + server.port();
    }

    @AfterEach
    void stop() {
        server.close();
        workshop.close();
        System.clearProperty("netpollab.home");
    }

    private CompletableFuture<String> learner(String name, String script) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                WorkshopLink link = WorkshopLink.connect(url, "ROOM42", name, "embedded", home.resolve("learners"));
                WorkshopRunner.run(new WorkshopRunner.Options(link, LabHandle.of(EmbeddedLab.start()), true, Clock.systemUTC(),
                        new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), out));
            } catch (Exception e) {
                throw new IllegalStateException(name + " failed: " + e + "\n" + out.toString(StandardCharsets.UTF_8), e);
            }
            return out.toString(StandardCharsets.UTF_8);
        });
    }

    @Test
    @DisplayName("three learners join, check and submit; the server grades each and the board shows the room")
    void room() throws Exception {
        Path fix = home.resolve("fix.yaml");
        Files.writeString(fix, FIX);
        workshop.timer("start", null);
        workshop.message("Welcome! Start with task 1.");
        CompletableFuture<String> alice = learner("alice", "check\napply -f " + fix + "\ncheck\nsubmit\ntasks\nmessages\nquit\n");
        CompletableFuture<String> bob = learner("bob", "check\nhint\nnext\ncheck\nquit\n");
        CompletableFuture<String> carol = learner("carol", "status\nquit\n");
        CompletableFuture.allOf(alice, bob, carol).get(180, TimeUnit.SECONDS);

        String a = alice.get();
        assertThat(a).contains("netpol-lab workshop").contains("Seat ").contains("Task 1/2")
                .contains("FAIL  3/7 probes and 2/3 object checks met").contains("PASS  7/7 probes and 3/3 object checks met")
                .contains("Sent to the workshop: 0/5 points (targets 0/5 met, guards 0/5 broken)")
                .contains("Sent to the workshop: 5/5 points (targets 5/5 met, guards 0/5 broken)")
                .contains("Task 1 submitted").contains("Task 2/2")
                .contains("Welcome! Start with task 1.")
                .doesNotContain("Exception").doesNotContain("Queued");
        assertThat(bob.get()).contains("No hint for this task yet").contains("Task 2/2").contains("Sent to the workshop");
        assertThat(carol.get()).contains("queued:   nothing").contains("clock:    ").contains("left");

        Board b = workshop.board("", false);
        assertThat(b.seats()).extracting(Board.Row::name).containsExactlyInAnyOrder("alice", "bob", "carol");
        assertThat(b.results()).isEqualTo(5);
        Board.Row aliceRow = b.seats().stream().filter(r -> r.name().equals("alice")).findFirst().orElseThrow();
        assertThat(aliceRow.cells().get(0).state()).isEqualTo("pass");
        assertThat(aliceRow.cells().get(0).submitted()).isTrue();
        assertThat(aliceRow.cells().get(0).checks()).isEqualTo(3);
        assertThat(aliceRow.points()).isEqualTo(5.0);
        assertThat(aliceRow.currentTask()).isEqualTo(1);
        Board.Row bobRow = b.seats().stream().filter(r -> r.name().equals("bob")).findFirst().orElseThrow();
        assertThat(bobRow.cells().get(0).state()).isEqualTo("fail");
        assertThat(bobRow.cells().get(1).state()).isEqualTo("fail");
        Board.Row carolRow = b.seats().stream().filter(r -> r.name().equals("carol")).findFirst().orElseThrow();
        assertThat(carolRow.cells().get(0).state()).isEqualTo("working");
        assertThat(b.tasks().get(0).passed()).isEqualTo(1);
        assertThat(b.tasks().get(0).tried()).isEqualTo(2);
        // Bob's broken default-deny-scope fails the same four cells Alice's first check did; only Bob's latest counts.
        assertThat(b.failures()).anySatisfy(f -> {
            assertThat(f.task()).isZero();
            assertThat(f.probe()).isEqualTo("web/frontend -> payments/ledger:5432/TCP");
            assertThat(f.count()).isEqualTo(1);
            assertThat(f.of()).isEqualTo(2);
        });
    }

    @Test
    @DisplayName("a learner who joins again gets the same seat, and their last sent policies back on a new lab")
    void rejoin() throws Exception {
        Path fix = home.resolve("fix.yaml");
        Files.writeString(fix, FIX);
        learner("dana", "apply -f " + fix + "\ncheck\nquit\n").get(120, TimeUnit.SECONDS);
        String again = learner("dana", "check\nquit\n").get(120, TimeUnit.SECONDS);
        assertThat(again).contains("back in place").contains("PASS  7/7 probes and 3/3 object checks met");
        assertThat(workshop.board("", false).seats()).hasSize(1);
        assertThat(workshop.board("", false).results()).isEqualTo(2);
    }
}
