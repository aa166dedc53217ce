package dev.netpollab.workshop;

import dev.netpollab.scenario.UserError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A workshop reopened from its data directory carries on: seats, tokens, results, timer, messages, hints. */
class WorkshopPersistenceTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("a restart with the same data carries on the same workshop, with its code, secret and everything stored")
    void carriesOn() throws Exception {
        WorkshopApi.Joined alice;
        try (WorkshopFixture w = new WorkshopFixture(dir, "default-deny-scope", "leftover-allow-all")) {
            alice = w.join("alice");
            w.post("/api/seats/" + alice.seat() + "/results", alice.token(), w.result(0, "submit", w.scenario(0).solutionPolicies()));
            w.post("/api/seats/" + alice.seat() + "/visit", alice.token(), "{\"task\":1,\"lab\":\"embedded\"}");
            w.workshop.timer("start", null);
            w.workshop.message("first message");
            w.workshop.revealHint(1);
        }
        try (Workshop again = Workshop.open(dir, Optional.empty(), null, null, Clock.systemUTC())) {
            assertThat(again.code()).isEqualTo(WorkshopFixture.CODE);
            assertThat(again.instructor(WorkshopFixture.SECRET)).isTrue();
            assertThat(again.authorize(alice.token(), alice.seat())).isEqualTo(alice.seat());
            Board b = again.board("", false);
            assertThat(b.seats()).hasSize(1);
            assertThat(b.seats().get(0).currentTask()).isEqualTo(1);
            assertThat(b.seats().get(0).cells().get(0).state()).isEqualTo("pass");
            assertThat(b.seats().get(0).cells().get(0).submitted()).isTrue();
            assertThat(b.timer().state()).isEqualTo("running");
            assertThat(b.messages()).extracting(WorkshopApi.MessageView::text).containsExactly("first message");
            assertThat(b.tasks().get(1).hintsRevealed()).isEqualTo(1);
            assertThat(again.work(alice.seat())).singleElement().satisfies(tw -> assertThat(tw.policies()).hasSize(2));
        }
    }

    @Test
    @DisplayName("a restart that asks for other tasks is refused with the way out; a new code given on restart replaces the old")
    void otherTasks() {
        try (Workshop w = Workshop.open(dir, Optional.of(WorkshopPlan.fromItems(WorkshopFixture.LIBRARY, List.of("default-deny-scope"), null)),
                "CODE11", "secret-one", Clock.systemUTC())) {
            assertThat(w.code()).isEqualTo("CODE11");
        }
        assertThatThrownBy(() -> Workshop.open(dir, Optional.of(WorkshopPlan.fromItems(WorkshopFixture.LIBRARY, List.of("leftover-allow-all"), null)),
                null, null, Clock.systemUTC())).isInstanceOf(UserError.class).hasMessageContaining("another --data DIR");
        try (Workshop w = Workshop.open(dir, Optional.empty(), "CODE22", null, Clock.systemUTC())) {
            assertThat(w.code()).isEqualTo("CODE22");
            assertThat(w.instructor("secret-one")).isTrue();
        }
    }

    @Test
    @DisplayName("a new workshop needs tasks; codes and secrets given by hand are checked")
    void newWorkshop() {
        assertThatThrownBy(() -> Workshop.open(dir.resolve("a"), Optional.empty(), null, null, Clock.systemUTC()))
                .isInstanceOf(UserError.class).hasMessageContaining("--set NAME or --scenarios");
        Optional<WorkshopPlan> p = Optional.of(WorkshopPlan.fromItems(WorkshopFixture.LIBRARY, List.of("default-deny-scope"), null));
        assertThatThrownBy(() -> Workshop.open(dir.resolve("b"), p, "a b", null, Clock.systemUTC())).isInstanceOf(UserError.class);
        assertThatThrownBy(() -> Workshop.open(dir.resolve("c"), p, null, "short", Clock.systemUTC())).isInstanceOf(UserError.class);
        try (Workshop w = Workshop.open(dir.resolve("d"), p, null, null, Clock.systemUTC())) {
            assertThat(w.code()).matches("[A-Z2-9]{6}");
            assertThat(w.secret()).hasSizeGreaterThanOrEqualTo(30);
        }
    }

    @Test
    @DisplayName("tasks that share namespaces are renamed apart; ids and scenario files or directories name the tasks")
    void plan() throws Exception {
        WorkshopPlan p = WorkshopPlan.fromItems(WorkshopFixture.LIBRARY, List.of("default-deny-scope", "client-egress-server-ingress"), null);
        assertThat(p.tasks()).hasSize(2);
        List<dev.netpollab.scenario.Scenario> s = p.scenarios();
        assertThat(s.get(0).world().scenarioNamespaces()).doesNotContainAnyElementsOf(
                s.get(1).world().scenarioNamespaces().stream().filter(n -> !n.equals("default")).toList());
        assertThatThrownBy(() -> WorkshopPlan.fromItems(WorkshopFixture.LIBRARY, List.of("default-deny-scope", "default-deny-scope"), null))
                .isInstanceOf(UserError.class).hasMessageContaining("named twice");
        assertThatThrownBy(() -> WorkshopPlan.fromItems(WorkshopFixture.LIBRARY, List.of("no-such-scenario"), null))
                .isInstanceOf(UserError.class).hasMessageContaining("unknown scenario");
        Path own = dir.resolve("own");
        java.nio.file.Files.createDirectories(own);
        String text = WorkshopFixture.LIBRARY.require("default-deny-scope").text().replace("id: default-deny-scope", "id: my-own-task");
        java.nio.file.Files.writeString(own.resolve("mine.yaml"), text);
        WorkshopPlan mine = WorkshopPlan.fromItems(WorkshopFixture.LIBRARY, List.of(own.toString()), 30);
        assertThat(mine.tasks()).extracting(WorkshopPlan.Task::scenarioId).containsExactly("my-own-task");
        assertThat(mine.minutes()).isEqualTo(30);
        assertThat(mine.scenarios().get(0).id()).isEqualTo("my-own-task");
        WorkshopPlan set = WorkshopPlan.fromSet(WorkshopFixture.LIBRARY, "mock-1", null);
        assertThat(set.tasks()).hasSize(8);
        assertThat(set.minutes()).isEqualTo(60);
    }
}
