package dev.netpollab.grade;

import dev.netpollab.lab.OfflineCluster;
import dev.netpollab.probe.ModelProber;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.scenario.ScenarioTexts;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Exam credit on tiny-shop with one object check. Targets (failing when broken): frontend -> db, frontend -> the db
 * Service, and the check that shop/allow-frontend exists. Guard (already passing): dev/tester -> db is blocked.
 */
class ExamCreditTest {
    @TempDir
    Path dir;
    private Scenario s;

    @BeforeEach
    void load() throws IOException {
        Files.writeString(dir.resolve("s.yaml"), ScenarioTexts.VALID.replace("rules:", "checks:\n  - {exists: shop/allow-frontend}\nrules:"));
        ScenarioLibrary lib = ScenarioLibrary.loadPaths(List.of(dir));
        assertThat(lib.problems()).isEmpty();
        s = lib.scenarios().get(0);
    }

    private ExamCredit.Score credit(List<NetworkPolicy> policies, int weight) {
        return ExamCredit.score(s, new Grader().grade(s, OfflineCluster.snapshot(s, policies), new ModelProber()), weight);
    }

    private static NetworkPolicy np(String name, String from) {
        return Serialization.unmarshal("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: %s, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: db}}
                  ingress: [{from: [%s]}]
                """.formatted(name, from), NetworkPolicy.class);
    }

    @Test
    @DisplayName("targets are the rows the broken state fails, guards the rows it already passes")
    void targetsAndGuards() {
        ExamCredit.Score c = credit(s.brokenPolicies(), 6);
        assertThat(c.targets()).extracting(GradeRow::label).containsExactly("shop/frontend -> shop/db:5432/TCP is allowed",
                "shop/frontend -> svc:shop/db:5432/TCP is allowed", "NetworkPolicy shop/allow-frontend exists");
        assertThat(c.guards()).extracting(GradeRow::label).containsExactly("dev/tester -> shop/db:5432/TCP is blocked");
    }

    @Test
    @DisplayName("an untouched task scores 0, although a quarter of its rows already pass")
    void untouched() {
        ExamCredit.Score c = credit(s.brokenPolicies(), 6);
        assertThat(c.targetsMet()).isZero();
        assertThat(c.guardsBroken()).isZero();
        assertThat(c.points()).isZero();
    }

    @Test
    @DisplayName("a perfect repair scores the full weight")
    void perfect() {
        ExamCredit.Score c = credit(List.of(np("allow-frontend", "{podSelector: {matchLabels: {app: frontend}}}")), 6);
        assertThat(c.targetsMet()).isEqualTo(3);
        assertThat(c.points()).isEqualTo(6.0);
        assertThat(c.fraction()).isEqualTo(1.0);
    }

    @Test
    @DisplayName("each target met earns its share: the traffic fixed but the policy misnamed earns 2 of 3 targets")
    void partial() {
        assertThat(credit(s.solutionPolicies(), 6).points()).isCloseTo(4.0, within(1e-9));
    }

    @Test
    @DisplayName("a broken guard costs one target's share: opening the db to everyone fixes 3 targets, breaks 1 guard")
    void guardBrokenCosts() {
        ExamCredit.Score c = credit(List.of(np("allow-frontend", "{namespaceSelector: {}}")), 6);
        assertThat(c.targetsMet()).isEqualTo(3);
        assertThat(c.guardsBroken()).isEqualTo(1);
        assertThat(c.points()).isCloseTo(4.0, within(1e-9));
    }

    @Test
    @DisplayName("never below 0: breaking a guard while fixing nothing scores 0, not less")
    void floor() {
        ExamCredit.Score c = credit(List.of(np("db-ingress", "{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: dev}}}")), 6);
        assertThat(c.targetsMet()).isZero();
        assertThat(c.guardsBroken()).isEqualTo(1);
        assertThat(c.points()).isZero();
    }

    @Test
    @DisplayName("a changed world scores 0 whatever the rows say; grades of another scenario are refused")
    void integrityAndMismatch() {
        Grade perfect = new Grader().grade(s, OfflineCluster.snapshot(s,
                List.of(np("allow-frontend", "{podSelector: {matchLabels: {app: frontend}}}"))), new ModelProber());
        Grade tampered = new Grade(perfect.scenarioId(), perfect.at(), perfect.results(), perfect.checks(), List.of("pod dev/tester was deleted"),
                perfect.notes(), perfect.prober(), perfect.convergence());
        assertThat(ExamCredit.score(s, tampered, 6).points()).isZero();
        Grade fewer = new Grade(perfect.scenarioId(), perfect.at(), perfect.results().subList(0, 2), perfect.checks(), List.of(),
                perfect.notes(), perfect.prober(), perfect.convergence());
        assertThatThrownBy(() -> ExamCredit.score(s, fewer, 6)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rows");
    }

    @Test
    @DisplayName("a report's tasks score by credit, and the reports show targets and guards apart")
    void reports() {
        Grade untouched = new Grader().grade(s, OfflineCluster.snapshot(s, s.brokenPolicies()), new ModelProber());
        Grade fixed = new Grader().grade(s, OfflineCluster.snapshot(s,
                List.of(np("allow-frontend", "{podSelector: {matchLabels: {app: frontend}}}"))), new ModelProber());
        List<Report.Task> tasks = new ArrayList<>();
        tasks.add(new Report.Task(s, untouched, 4, Duration.ofMinutes(1)));
        tasks.add(new Report.Task(s, fixed, 6, Duration.ofMinutes(2)));
        Report r = new Report("mock", untouched.at(), "embedded", tasks, 67);
        assertThat(r.percent()).isEqualTo(60.0);
        String md = ReportWriter.markdown(r);
        assertThat(md).contains("| # | Task | Weight | Targets fixed | Guards kept | Points | Time |")
                .contains("| 1 | Tiny shop | 4 | 0/3 | 1/1 | 0.0 | 01:00 |").contains("| 2 | Tiny shop | 6 | 3/3 | 1/1 | 6.0 | 02:00 |")
                .contains("| ✗ | target | shop/frontend | shop/db:5432/TCP | allowed | blocked |")
                .contains("| ✓ | guard | dev/tester | shop/db:5432/TCP | blocked | blocked |")
                .contains("| ✗ | target | NetworkPolicy shop/allow-frontend exists | not found; found shop/db-ingress |");
        assertThat(ReportWriter.json(r)).contains("\"targets\" : 3").contains("\"targetsMet\" : 0").contains("\"guardsBroken\" : 0")
                .contains("\"check\" : \"NetworkPolicy shop/allow-frontend exists\"").contains("\"role\" : \"target\"");
        assertThat(ReportWriter.junit(r)).contains("name=\"NetworkPolicy shop/allow-frontend exists (target)\"")
                .contains("<failure message=\"not found; found shop/db-ingress\"");
    }
}
