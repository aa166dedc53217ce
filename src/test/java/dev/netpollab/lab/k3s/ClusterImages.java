package dev.netpollab.lab.k3s;

import dev.netpollab.lab.LabException;
import dev.netpollab.lab.LabImages;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the real-cluster tests only where Docker answers and every image the k3s lab needs is cached,
 * present or pullable; elsewhere they are skipped, and the reason is printed once so nobody mistakes
 * a skip for a pass.
 */
public final class ClusterImages implements ExecutionCondition {
    private static volatile Optional<String> problem;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> p = problem().map(why -> "real-cluster tests skipped: " + why);
        // Also on stdout: a skip must never pass for a success.
        p.ifPresent(why -> System.out.println("[netpol-lab] " + why));
        return p.map(ConditionEvaluationResult::disabled).orElseGet(() -> ConditionEvaluationResult.enabled("Docker can run the k3s lab"));
    }

    /** Empty when the k3s lab can boot here; else why not. Checked once per JVM. */
    public static synchronized Optional<String> problem() {
        if (problem == null) {
            problem = check();
        }
        return problem;
    }

    private static Optional<String> check() {
        Optional<String> docker = DockerEnvironment.unavailableReason();
        if (docker.isPresent()) {
            return docker;
        }
        Set<String> images = new LinkedHashSet<>(K3sLab.hostImages());
        images.add(LabImages.probe());
        images.addAll(ClusterData.preloadImages());
        List<String> missing = new ArrayList<>();
        for (String image : images) {
            if (ImageCache.status(List.of(image)).get(0).cached()) {
                continue;
            }
            try {
                DockerCli.ensureImage(image);  // the product's own pull, with docker's reason on failure
            } catch (LabException e) {
                missing.add(e.getMessage().replaceFirst("\\. Offline, .*", ""));
            }
        }
        if (!missing.isEmpty()) {
            return Optional.of(String.join("; ", missing));
        }
        DockerEnvironment.Privileged privileged = DockerEnvironment.privileged();
        return privileged.ok() ? Optional.empty() : Optional.of(privileged.detail());
    }
}
