package dev.netpollab.grade;

import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.scenario.ScenarioTexts;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deleting a policy that the broken state has and the solution keeps as it was is a wrong repair even when, with the
 * other policies, no verdict changes and the task never names it ("leave everything else as it is"): the self-test
 * must catch it or ask for an {@code unchanged} check.
 */
class KeptPolicyMutantTest {
    @TempDir
    Path dir;

    /** tiny-shop plus db-deny: a second, redundant isolation of the db that the solution keeps and no probe can miss. */
    private Scenario scenario(String checks) throws IOException {
        String deny = """
                  ---
                  apiVersion: networking.k8s.io/v1
                  kind: NetworkPolicy
                  metadata: {name: db-deny, namespace: shop}
                  spec: {podSelector: {matchLabels: {app: db}}, policyTypes: [Ingress]}
                """;
        String text = ScenarioTexts.VALID
                .replace("          - podSelector: {matchLabels: {app: frontendd}}\n", "          - podSelector: {matchLabels: {app: frontendd}}\n" + deny)
                .replace("          - podSelector: {matchLabels: {app: frontend}}\n", "          - podSelector: {matchLabels: {app: frontend}}\n" + deny)
                .replace("rules:", checks + "rules:");
        Files.writeString(dir.resolve("s.yaml"), text);
        ScenarioLibrary lib = ScenarioLibrary.loadPaths(List.of(dir));
        assertThat(lib.problems()).isEmpty();
        Scenario s = lib.scenarios().get(0);
        assertThat(s.brokenPolicies()).hasSize(2);
        assertThat(s.solutionPolicies()).hasSize(2);
        return s;
    }

    @Test
    @DisplayName("the deletion survives and validate proposes an unchanged check; with the check it is killed")
    void deletionOfAKeptPolicy() throws IOException {
        MutationSelfTest.Result weak = MutationSelfTest.run(scenario(""));
        assertThat(weak.outcomes()).filteredOn(o -> o.mutant().id().equals("delete-policy shop/db-deny")).singleElement().satisfies(o -> {
            assertThat(o.fate()).isEqualTo(MutationSelfTest.Fate.SURVIVED);
            assertThat(o.proposal()).isEqualTo("the solution keeps shop/db-deny as it was and no probe shows that it was deleted: add checks: - {unchanged: shop/db-deny}");
        });
        assertThat(weak.failures()).anySatisfy(f -> assertThat(f).startsWith("mutant survives: delete-policy shop/db-deny"));

        MutationSelfTest.Result sound = MutationSelfTest.run(scenario("checks:\n  - {unchanged: shop/db-deny}\n"));
        assertThat(sound.outcomes()).filteredOn(o -> o.mutant().id().equals("delete-policy shop/db-deny")).singleElement()
                .extracting(MutationSelfTest.Outcome::fate).isEqualTo(MutationSelfTest.Fate.KILLED);
    }

    @Test
    @DisplayName("deleting the policy the solution changes is judged by traffic as before, not by this rule")
    void deletionOfTheRepairedPolicy() throws IOException {
        MutationSelfTest.Result r = MutationSelfTest.run(scenario(""));
        assertThat(r.outcomes()).filteredOn(o -> o.mutant().id().equals("delete-policy shop/db-ingress")).singleElement()
                .extracting(MutationSelfTest.Outcome::fate).isEqualTo(MutationSelfTest.Fate.KILLED);
    }
}
