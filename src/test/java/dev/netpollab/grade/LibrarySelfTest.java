package dev.netpollab.grade;

import dev.netpollab.scenario.Expectation;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole built-in library, self-tested: each scenario is one test, named after it. */
class LibrarySelfTest {
    private static final ScenarioLibrary LIB = ScenarioLibrary.load(List.of());

    @Test
    @DisplayName("the library loads without problems: at least 30 scenarios and the mock-exam sets")
    void loads() {
        assertThat(LIB.problems()).isEmpty();
        assertThat(LIB.scenarios()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(LIB.exam("mock-1")).get().satisfies(e -> {
            assertThat(e.tasks()).hasSize(8);
            assertThat(e.minutes()).isEqualTo(60);
        });
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioIsSound() {
        return LIB.scenarios().stream().map(s -> DynamicTest.dynamicTest(s.id(), () -> {
            assertThat(ScenarioSelfTest.run(s).failures()).isEmpty();
            assertThat(s.expect()).hasSizeBetween(3, 16);
            assertThat(s.world().scenarioNamespaces()).hasSizeBetween(1, 4);
        }));
    }

    @Test
    @DisplayName("the spread the course needs: difficulty and topics")
    void spread() {
        List<Scenario> all = LIB.scenarios();
        assertThat(count(all, "egress")).isGreaterThanOrEqualTo(6);
        assertThat(count(all, "dns")).isGreaterThanOrEqualTo(4);
        assertThat(all.stream().filter(s -> s.expect().stream().anyMatch(e -> e.to() instanceof dev.netpollab.scenario.Target.Service)).count())
                .isGreaterThanOrEqualTo(4);
        assertThat(count(all, "named-ports")).isGreaterThanOrEqualTo(3);
        assertThat(count(all, "endPort")).isGreaterThanOrEqualTo(2);
        assertThat(count(all, "and-or")).isGreaterThanOrEqualTo(3);
        assertThat(count(all, "ipBlock")).isGreaterThanOrEqualTo(2);
        assertThat(all.stream().filter(s -> s.expect().stream().anyMatch(Expectation::allowed)).count()).isEqualTo(all.size());
    }

    private static long count(List<Scenario> all, String topic) {
        return all.stream().filter(s -> s.meta().topics().contains(topic)).count();
    }
}
