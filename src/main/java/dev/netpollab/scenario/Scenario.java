package dev.netpollab.scenario;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.util.List;

/**
 * One exercise, as loaded from its YAML file and checked.
 *
 * @param source      where it came from: a file path, or {@code builtin:scenarios/NAME.yaml}
 * @param text        the file's text, kept to render variants
 * @param world       the declared world plus the implicit kube-system/coredns
 * @param broken      the NetworkPolicies as the learner finds them (YAML), possibly empty
 * @param solution    the complete set of NetworkPolicies after a correct repair (YAML)
 * @param checks      facts about the policy objects, graded beside the probes
 * @param cniNotes    how CNIs differ for this exercise, if they do
 * @param acceptMutants wrong repairs the grading lets through on purpose, each with the author's reason
 * @param variant     0 for the file as written; otherwise the seed of the rendered variant
 */
public record Scenario(String source, String text, ScenarioMeta meta, String task, World world,
                       String broken, List<NetworkPolicy> brokenPolicies, List<Expectation> expect, List<PolicyCheck> checks, Rules rules,
                       List<String> hints, String solution, List<NetworkPolicy> solutionPolicies, String explanation,
                       String cniNotes, List<AcceptedLint> acceptLint, List<AcceptedMutant> acceptMutants, Variants variants, long variant) {
    public Scenario {
        brokenPolicies = List.copyOf(brokenPolicies);
        expect = List.copyOf(expect);
        checks = List.copyOf(checks);
        acceptMutants = List.copyOf(acceptMutants);
        hints = List.copyOf(hints);
        solutionPolicies = List.copyOf(solutionPolicies);
        acceptLint = List.copyOf(acceptLint);
    }

    public String id() {
        return meta.id();
    }

    public String title() {
        return meta.title();
    }
}
