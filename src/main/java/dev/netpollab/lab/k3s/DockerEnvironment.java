package dev.netpollab.lab.k3s;

import org.testcontainers.DockerClientFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What the host's Docker can do, asked without side effects. */
public final class DockerEnvironment {
    private DockerEnvironment() {
    }

    /** A quick look for a Docker endpoint (no connection): DOCKER_HOST, or the usual sockets. */
    public static Optional<String> endpointHint() {
        String host = System.getenv("DOCKER_HOST");
        if (host != null && !host.isBlank()) {
            return Optional.of(host);
        }
        for (String sock : new String[]{"/var/run/docker.sock", System.getProperty("user.home") + "/.docker/run/docker.sock",
                System.getProperty("user.home") + "/.colima/default/docker.sock"}) {
            if (Files.exists(Path.of(sock))) {
                return Optional.of("unix://" + sock);
            }
        }
        return Optional.empty();
    }

    /** Connects through Testcontainers; empty when Docker answers, else why not. */
    public static Optional<String> unavailableReason() {
        if (endpointHint().isEmpty()) {
            return Optional.of("no Docker endpoint (DOCKER_HOST is unset and no docker.sock was found)");
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable() ? Optional.empty()
                    : Optional.of("Docker does not answer at " + endpointHint().orElse("?"));
        } catch (RuntimeException e) {
            return Optional.of("Docker does not answer: " + e.getMessage());
        }
    }

    /** Rootless Docker and Docker-in-Docker refuse the privileged containers k3s needs. */
    public static Optional<String> privilegedProblem() {
        try {
            var info = DockerClientFactory.instance().client().infoCmd().exec();
            if (info.getSecurityOptions() != null && info.getSecurityOptions().stream().anyMatch(o -> o.contains("rootless"))) {
                return Optional.of("Docker runs rootless, which refuses the privileged containers k3s needs");
            }
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of("could not ask Docker: " + e.getMessage());
        }
    }
}
