package dev.netpollab.exam;

import dev.netpollab.scenario.Difficulty;
import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.scenario.UserError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExamPlannerTest {
    private static final ScenarioLibrary LIB = ScenarioLibrary.load(List.of());

    private static List<String> ids(ExamPlan p) {
        return p.tasks().stream().map(ExamTask::baseId).toList();
    }

    @Test
    @DisplayName("a seeded draw is reproducible, and another seed gives another exam")
    void reproducible() {
        assertThat(ids(ExamPlanner.random(LIB, 8, null, 11))).isEqualTo(ids(ExamPlanner.random(LIB, 8, null, 11)));
        assertThat(ids(ExamPlanner.random(LIB, 8, null, 11))).isNotEqualTo(ids(ExamPlanner.random(LIB, 8, null, 12)));
        ExamPlan a = ExamPlanner.random(LIB, 8, null, 11);
        ExamPlan b = ExamPlanner.random(LIB, 8, null, 11);
        assertThat(a.tasks().get(0).scenario().task()).isEqualTo(b.tasks().get(0).scenario().task());
    }

    @Test
    @DisplayName("a draw spreads difficulty and covers many topics")
    void spread() {
        ExamPlan p = ExamPlanner.random(LIB, 8, null, 3);
        Map<Difficulty, Long> byLevel = p.tasks().stream().collect(Collectors.groupingBy(t -> t.scenario().meta().difficulty(), Collectors.counting()));
        assertThat(byLevel.keySet()).containsExactlyInAnyOrder(Difficulty.EASY, Difficulty.MEDIUM, Difficulty.HARD);
        Set<String> topics = new HashSet<>();
        p.tasks().forEach(t -> topics.addAll(t.scenario().meta().topics()));
        assertThat(topics.size()).isGreaterThanOrEqualTo(12);
        assertThat(p.minutes()).isGreaterThanOrEqualTo(20);
    }

    @Test
    @DisplayName("seeds 1 to 6 draw at least four different sets of three, each with one easy, one medium and one hard task")
    void variety() {
        Set<Set<String>> sets = new HashSet<>();
        for (long seed = 1; seed <= 6; seed++) {
            ExamPlan p = ExamPlanner.random(LIB, 3, null, seed);
            sets.add(Set.copyOf(ids(p)));
            assertThat(p.tasks()).extracting(t -> t.scenario().meta().difficulty())
                    .containsExactlyInAnyOrder(Difficulty.EASY, Difficulty.MEDIUM, Difficulty.HARD);
            Set<String> topics = new HashSet<>();
            p.tasks().forEach(t -> topics.addAll(t.scenario().meta().topics()));
            assertThat(topics).as("seed %d draws tasks on different topics", seed).hasSizeGreaterThanOrEqualTo(6);
        }
        assertThat(sets).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    @DisplayName("the draw is random, not greedy: over 200 seeds every scenario is drawn, none in most exams, and the spread holds")
    void notGreedy() {
        Map<String, Integer> drawn = new java.util.HashMap<>();
        for (long seed = 1; seed <= 200; seed++) {
            ExamPlan p = ExamPlanner.random(LIB, 8, null, seed);
            ids(p).forEach(id -> drawn.merge(id, 1, Integer::sum));
            Map<Difficulty, Long> byLevel = p.tasks().stream().collect(Collectors.groupingBy(t -> t.scenario().meta().difficulty(), Collectors.counting()));
            assertThat(byLevel).containsEntry(Difficulty.EASY, 2L).containsEntry(Difficulty.MEDIUM, 4L).containsEntry(Difficulty.HARD, 2L);
        }
        assertThat(drawn.keySet()).containsExactlyInAnyOrderElementsOf(LIB.scenarios().stream().map(s -> s.id()).toList());
        assertThat(drawn.values()).allSatisfy(n -> assertThat(n).isLessThan(120));
    }

    @Test
    @DisplayName("no two tasks share a namespace: clashes are renamed consistently, and a renamed task still self-tests")
    void ownNamespaces() {
        for (long seed = 1; seed <= 20; seed++) {
            ExamPlan p = ExamPlanner.random(LIB, 10, null, seed);
            List<String> all = new ArrayList<>();
            p.tasks().forEach(t -> all.addAll(t.scenario().world().scenarioNamespaces()));
            assertThat(all).doesNotHaveDuplicates();
        }
        ExamPlan set = ExamPlanner.fromSet(LIB, "mock-1", 5, null);
        assertThat(set.tasks()).hasSize(8);
        assertThat(set.minutes()).isEqualTo(60);
        ExamTask renamed = set.tasks().stream().filter(t -> !t.renames().isEmpty()).findFirst().orElseThrow();
        assertThat(dev.netpollab.grade.ScenarioSelfTest.run(renamed.scenario()).failures()).isEmpty();
    }

    @Test
    @DisplayName("an unknown set and an impossible task count are clear errors")
    void errors() {
        assertThatThrownBy(() -> ExamPlanner.fromSet(LIB, "mock-9", 1, null)).isInstanceOf(UserError.class)
                .hasMessageContaining("unknown exam set \"mock-9\"").hasMessageContaining("mock-1");
        assertThatThrownBy(() -> ExamPlanner.random(LIB, 99, null, 1)).isInstanceOf(UserError.class).hasMessageContaining("--tasks");
    }
}
