package dev.netpollab.lab.k3s;

import dev.netpollab.lab.LabImages;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

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
        Optional<String> privileged = DockerEnvironment.privilegedProblem();
        if (privileged.isPresent()) {
            return privileged;
        }
        Set<String> images = new LinkedHashSet<>(List.of(ClusterData.k3sImage(), LabImages.probe()));
        images.addAll(ClusterData.preloadImages());
        List<String> missing = new ArrayList<>();
        var client = DockerClientFactory.instance().client();
        for (String image : images) {
            if (ImageCache.status(List.of(image)).get(0).cached()) {
                continue;
            }
            try {
                client.inspectImageCmd(image).exec();
                continue;
            } catch (RuntimeException notLocal) {
                // Not in the host's Docker: try to pull it below.
            }
            try {
                if (!client.pullImageCmd(image).withPlatform("linux/amd64").start().awaitCompletion(10, TimeUnit.MINUTES)) {
                    missing.add(image + " (pull timed out)");
                }
            } catch (RuntimeException e) {
                missing.add(image + " (" + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                missing.add(image + " (interrupted)");
            }
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of("cannot pull " + String.join(", ", missing));
    }
}
