package dev.netpollab.policy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static dev.netpollab.policy.Fixtures.labels;
import static org.assertj.core.api.Assertions.assertThat;

class LabelSelectorMatcherTest {
    private static LabelSelectorMatcher expr(String key, String op, String... values) {
        LabelSelector s = new LabelSelectorBuilder().addNewMatchExpression().withKey(key).withOperator(op).withValues(values)
                .endMatchExpression().build();
        return LabelSelectorMatcher.of(s);
    }

    @Test
    @DisplayName("an empty selector matches everything, including no labels")
    void emptyMatchesAll() {
        assertThat(LabelSelectorMatcher.of(new LabelSelector()).matches(labels())).isTrue();
        assertThat(LabelSelectorMatcher.of(new LabelSelector()).isEmpty()).isTrue();
    }

    @Test
    @DisplayName("matchLabels and matchExpressions are ANDed")
    void andOfLabelsAndExpressions() {
        LabelSelector s = new LabelSelectorBuilder().addToMatchLabels("app", "api").addNewMatchExpression().withKey("tier")
                .withOperator("In").withValues("backend").endMatchExpression().build();
        LabelSelectorMatcher m = LabelSelectorMatcher.of(s);
        assertThat(m.matches(labels("app", "api", "tier", "backend"))).isTrue();
        assertThat(m.matches(labels("app", "api", "tier", "frontend"))).isFalse();
        assertThat(m.matches(labels("tier", "backend"))).isFalse();
        assertThat(m).hasToString("app=api,tier in (backend)");
    }

    @Test
    @DisplayName("In needs the key with a listed value")
    void in() {
        assertThat(expr("env", "In", "prod", "stage").matches(labels("env", "stage"))).isTrue();
        assertThat(expr("env", "In", "prod").matches(labels())).isFalse();
    }

    @Test
    @DisplayName("NotIn matches a missing key or an unlisted value")
    void notIn() {
        assertThat(expr("env", "NotIn", "prod").matches(labels())).isTrue();
        assertThat(expr("env", "NotIn", "prod").matches(labels("env", "dev"))).isTrue();
        assertThat(expr("env", "NotIn", "prod").matches(labels("env", "prod"))).isFalse();
    }

    @Test
    @DisplayName("Exists and DoesNotExist look only at the key")
    void existence() {
        assertThat(expr("role", "Exists").matches(labels("role", ""))).isTrue();
        assertThat(expr("role", "Exists").matches(labels())).isFalse();
        assertThat(expr("role", "DoesNotExist").matches(labels())).isTrue();
        assertThat(expr("role", "DoesNotExist").matches(labels("role", "x"))).isFalse();
        assertThat(expr("role", "DoesNotExist")).hasToString("!role");
    }

    @Test
    @DisplayName("every namespace carries kubernetes.io/metadata.name")
    void namespaceNameLabel() {
        assertThat(NamespaceInfo.of("prod").labels()).containsEntry("kubernetes.io/metadata.name", "prod");
        assertThat(new NamespaceInfo("prod", labels("kubernetes.io/metadata.name", "forged")).labels())
                .containsEntry("kubernetes.io/metadata.name", "prod");
    }
}
