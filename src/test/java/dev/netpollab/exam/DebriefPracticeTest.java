package dev.netpollab.exam;

import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** "Practise next" after an exam: the drill it names first practises the weakest topic. */
class DebriefPracticeTest {
    private static final ScenarioLibrary LIB = ScenarioLibrary.load(List.of());

    private static Scenario best(List<String> weakestFirst) {
        return Debrief.practiceDrills(LIB.scenarios(), weakestFirst).get(0);
    }

    @Test
    @DisplayName("for every pair of library topics, the first drill practises the weakest topic, and both when one drill does")
    void firstDrillPractisesTheWeakest() {
        List<String> topics = LIB.scenarios().stream().flatMap(s -> s.meta().topics().stream()).distinct().sorted().toList();
        for (String worst : topics) {
            for (String next : topics) {
                if (worst.equals(next)) {
                    continue;
                }
                Scenario s = best(List.of(worst, next));
                assertThat(s.meta().topics()).as("%s, %s -> %s", worst, next, s.id()).contains(worst);
                boolean someDrillHasBoth = LIB.scenarios().stream().anyMatch(x -> x.meta().topics().containsAll(List.of(worst, next)));
                if (someDrillHasBoth) {
                    assertThat(s.meta().topics()).as("%s, %s -> %s", worst, next, s.id()).contains(next);
                }
            }
        }
    }

    @Test
    @DisplayName("a drill on the weakest topic alone beats one on every other weak topic")
    void weakestCountsMost() {
        Scenario onlyWorst = LIB.scenarios().stream().filter(s -> s.meta().topics().contains("ipBlock") && !s.meta().topics().contains("egress"))
                .findFirst().orElseThrow();
        Scenario others = LIB.scenarios().stream().filter(s -> !s.meta().topics().contains("ipBlock") && s.meta().topics().contains("egress")
                && s.meta().topics().contains("dns")).findFirst().orElseThrow();
        List<String> weak = List.of("ipBlock", "egress", "dns");
        assertThat(Debrief.practiceValue(onlyWorst, weak)).isGreaterThan(Debrief.practiceValue(others, weak));
    }
}
