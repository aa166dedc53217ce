package dev.netpollab.workshop;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.netpollab.policy.PolicyDefaults;
import dev.netpollab.scenario.KubeYaml;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.util.Comparator;
import java.util.List;

/**
 * A learner's policies against the reference solution, as a unified diff of their YAML: both sides defaulted
 * as the API server would, reduced to what a policy means (name, namespace, labels, spec), in one order.
 */
public final class PolicyDiff {
    private PolicyDiff() {
    }

    /** What the dashboard and the store keep of a policy: no server-side metadata, defaults filled in. */
    public static NetworkPolicy normalized(NetworkPolicy np) {
        NetworkPolicy copy = KubeYaml.serialization().clone(np);
        ObjectMeta m = copy.getMetadata();
        ObjectMeta keep = new ObjectMeta();
        keep.setName(m.getName());
        keep.setNamespace(m.getNamespace());
        keep.setLabels(m.getLabels() == null || m.getLabels().isEmpty() ? null : m.getLabels());
        copy.setMetadata(keep);
        PolicyDefaults.apply(copy);
        return copy;
    }

    static String yaml(List<NetworkPolicy> policies) {
        StringBuilder b = new StringBuilder();
        policies.stream().map(PolicyDiff::normalized)
                .sorted(Comparator.comparing((NetworkPolicy p) -> p.getMetadata().getNamespace()).thenComparing(p -> p.getMetadata().getName()))
                .forEach(p -> b.append(KubeYaml.toYaml(p).replaceFirst("^---\\n", "")).append("---\n"));
        return b.toString();
    }

    /** Unified diff lines from the reference to the learner's policies; empty when they are the same. */
    static List<String> diff(List<NetworkPolicy> reference, List<NetworkPolicy> learner) {
        List<String> a = yaml(reference).lines().toList();
        List<String> b = yaml(learner).lines().toList();
        return UnifiedDiffUtils.generateUnifiedDiff("reference", "learner", a, DiffUtils.diff(a, b), 3);
    }
}
