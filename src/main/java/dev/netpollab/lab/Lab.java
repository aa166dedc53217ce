package dev.netpollab.lab;

import dev.netpollab.scenario.Scenario;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where scenarios run. The learner and the grader both go through the lab's Kubernetes API (the single
 * source of truth); labs differ in where that API lives and how probes are made.
 */
public interface Lab extends AutoCloseable {
    /** {@code embedded}, {@code k3s} or {@code cluster}. */
    String kind();

    /** One line for the banner: what this lab is and how probes are made. */
    String describe();

    /** The lab's API, as a learner's kubectl would see it. */
    KubernetesClient client();

    /** Creates the scenario's world (namespaces, pods, services) and waits until the pods are ready. */
    void provision(Scenario scenario, LabProgress progress);

    /** Applies the scenario's broken policies, as the learner finds them. */
    default void applyBroken(Scenario scenario) {
        Applier.apply(client(), scenario.brokenPolicies());
    }

    /** Reads back what grading needs: the scenario's namespaces, their pods, services and policies. */
    default ClusterSnapshot snapshot(Scenario scenario) {
        return Snapshots.read(client(), scenario);
    }

    /** Back to the broken state: the world as set up and the broken policies, nothing of the learner's. */
    default void reset(Scenario scenario, LabProgress progress) {
        teardown(scenario, progress);
        provision(scenario, progress);
        applyBroken(scenario);
    }

    /** Removes what the scenario created. */
    void teardown(Scenario scenario, LabProgress progress);

    /** Running commands in pods, for real probes; empty where probes are computed (the embedded lab). */
    default java.util.Optional<PodExec> podExec() {
        return java.util.Optional.empty();
    }

    /** True when the CNI rejects denied traffic (k3s's built-in controller) instead of dropping it. */
    default boolean rejectsDenied() {
        return false;
    }

    /** A scenario as this lab runs it (a shared cluster prefixes its namespaces); the same scenario by default. */
    default Scenario adapt(Scenario scenario) {
        return scenario;
    }

    /** Why this lab cannot run a scenario faithfully (it would grade wrongly), or empty when it can. */
    default Optional<String> cannotRun(Scenario scenario) {
        return Optional.empty();
    }

    /** A kubeconfig file for kubectl in other terminals, when the lab has a real API server. */
    default Optional<Path> kubeconfig() {
        return Optional.empty();
    }

    /** Adds this lab's evidence (logs, cluster state, versions) to a diagnostics bundle; real labs only. */
    default void collectDiagnostics(DiagnosticsBundle bundle) {
    }

    @Override
    void close();
}
