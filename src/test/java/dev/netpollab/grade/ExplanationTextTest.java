package dev.netpollab.grade;

import dev.netpollab.lab.OfflineCluster;
import dev.netpollab.policy.DirectionResult;
import dev.netpollab.policy.Endpoint;
import dev.netpollab.policy.RuleCheck;
import dev.netpollab.policy.Verdict;
import dev.netpollab.probe.ModelProber;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.scenario.VariantRenderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every wrong cell of the library's broken states reads as plain sentences: no field paths like {@code to[0]},
 * no {@code {…}} dumps of labels, one sentence per rule.
 */
class ExplanationTextTest {
    private static final ScenarioLibrary LIB = ScenarioLibrary.load(List.of());
    private static final Pattern FIELD_PATH = Pattern.compile("\\b(to|from|ingress|egress|ports|peer)\\[\\d+]");

    @TestFactory
    Stream<DynamicTest> everyWrongCellReadsPlainly() {
        List<Scenario> all = new ArrayList<>(LIB.scenarios());
        // Variants rename namespaces, labels and ports: the wording must not depend on the names.
        LIB.scenarios().stream().filter(s -> !s.variants().isEmpty()).forEach(s -> all.add(VariantRenderer.render(s, 11)));
        return all.stream().map(s -> DynamicTest.dynamicTest(s.id() + (s.variant() == 0 ? "" : " variant " + s.variant()), () -> {
            Grade g = new Grader().grade(s, OfflineCluster.snapshot(s, s.brokenPolicies()), new ModelProber());
            assertThat(g.failedCells()).as("a broken state has wrong cells").isNotEmpty();
            for (CellResult c : g.failedCells()) {
                String reason = c.reason();
                plain(reason, c.probe().toString());
                assertThat(reason).as(c.probe().toString()).matches("(?s).*[.)]$");
                Verdict v = c.observation().verdict();
                if (v == null) {
                    continue;
                }
                VerdictExplainer.explain(v).forEach(line -> plain(line, c.probe() + " explain"));
                for (DirectionResult d : List.of(v.egress(), v.ingress())) {
                    Endpoint peer = d == v.egress() ? v.connection().dst() : v.connection().src();
                    for (RuleCheck rc : d.checks()) {
                        String sentence = VerdictExplainer.sentence(rc, d, peer);
                        assertThat(sentence).as("one sentence per rule: " + sentence).endsWith(".").doesNotContain(". ");
                        if (!d.allowed()) {
                            assertThat(reason).as("the reason says every rule").containsIgnoringCase(sentence.substring(1));
                        }
                    }
                }
            }
        }));
    }

    private static void plain(String text, String what) {
        assertThat(text).as(what).isNotBlank().doesNotContain("{").doesNotContain("}").doesNotContain("null").doesNotContain("[]");
        assertThat(FIELD_PATH.matcher(text).find()).as(what + ": a field path in \"" + text + "\"").isFalse();
    }

    @TestFactory
    @DisplayName("the explanation of a deny-all that allows all says why: a rule with neither from nor ports admits everyone")
    Stream<DynamicTest> allowAllSaysWhy() {
        return Stream.of("deny-all-that-allows-all", "leftover-allow-all").map(id -> DynamicTest.dynamicTest(id, () -> {
            Scenario s = LIB.require(id);
            Grade g = new Grader().grade(s, OfflineCluster.snapshot(s, s.brokenPolicies()), new ModelProber());
            assertThat(g.failedCells().get(0).reason()).contains("it has no `from` and no `ports`: every source, every port");
        }));
    }
}
