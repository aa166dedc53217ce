package dev.netpollab.lab.k3s;

import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.netpollab.lab.LabException;
import org.testcontainers.DockerClientFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the host's Docker can do, asked without side effects. The daemon is asked directly over its API:
 * Testcontainers' own client first starts its reaper container, which itself needs an image, so a
 * missing reaper image would read as "Docker does not answer".
 */
public final class DockerEnvironment {
    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    /** The docker command on PATH, if it is installed. */
    public static Optional<Path> cli() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "docker");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Why no Docker endpoint was found, telling a Docker that is not installed from a daemon that is not running. */
    public static String noEndpointReason(Optional<Path> cli) {
        return cli.isPresent() ? "the docker command is installed, but no Docker daemon is running" : "Docker is not installed";
    }

    /** Empty when the daemon answers its ping, else why not. */
    public static Optional<String> unavailableReason() {
        Optional<String> endpoint = endpointHint();
        if (endpoint.isEmpty()) {
            return Optional.of(noEndpointReason(cli()) + " (no docker.sock, and DOCKER_HOST is unset)");
        }
        if (!direct(endpoint.get())) {
            // TLS or ssh endpoints: leave the connection details to Testcontainers.
            return viaTestcontainers(endpoint.get());
        }
        try {
            get(endpoint.get(), "/_ping");
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of("Docker does not answer at " + endpoint.get() + ": " + LabException.rootMessage(e));
        }
    }

    /**
     * Whether Docker runs the privileged container k3s needs. Rootless Docker says so in its info; Docker
     * inside an unprivileged container only fails when one starts, so one is tried when the k3s image is
     * already there (it runs {@code k3s --version} and exits).
     *
     * @param ok     false when a refusal was seen
     * @param detail what was checked, or Docker's refusal
     */
    public record Privileged(boolean ok, String detail) {
    }

    public static Privileged privileged() {
        String endpoint = endpointHint().orElse("");
        if (direct(endpoint)) {
            try {
                JsonNode info = JSON.readTree(get(endpoint, "/info"));
                for (JsonNode o : info.path("SecurityOptions")) {
                    if (o.asString().contains("rootless")) {
                        return new Privileged(false, "Docker runs rootless, which refuses the privileged containers k3s needs");
                    }
                }
            } catch (IOException | RuntimeException e) {
                return new Privileged(false, "could not ask Docker: " + LabException.rootMessage(e));
            }
        }
        String image = ClusterData.k3sImage();
        if (!DockerCli.hasImage(image)) {
            return new Privileged(true, "not refused by Docker's settings; not tried yet (" + image + " is not pulled)");
        }
        DockerCli.Result r = DockerCli.run(Duration.ofSeconds(60), "run", "--rm", "--privileged", "--entrypoint", "/bin/k3s", image, "--version");
        return r.ok() ? new Privileged(true, "allowed (tried: k3s --version in a privileged container)")
                : new Privileged(false, "Docker refused a privileged container: " + r.reason());
    }

    /** The images among these that the host's Docker does not have. */
    public static List<String> missingImages(List<String> images) {
        String endpoint = endpointHint().orElse("");
        List<String> missing = new ArrayList<>();
        for (String image : images) {
            try {
                get(endpoint, "/images/" + URLEncoder.encode(image, StandardCharsets.UTF_8) + "/json");
            } catch (IOException | RuntimeException e) {
                missing.add(image);
            }
        }
        return missing;
    }

    /** A local socket, which answers (or refuses) at once: worth asking before choosing a lab. */
    public static boolean local(String endpoint) {
        return endpoint.startsWith("unix://");
    }

    private static boolean direct(String endpoint) {
        return endpoint.startsWith("unix://") || endpoint.startsWith("tcp://") && !"1".equals(System.getenv("DOCKER_TLS_VERIFY"));
    }

    private static Optional<String> viaTestcontainers(String endpoint) {
        try {
            return DockerClientFactory.instance().isDockerAvailable() ? Optional.empty() : Optional.of("Docker does not answer at " + endpoint);
        } catch (RuntimeException e) {
            return Optional.of("Docker does not answer at " + endpoint + ": " + LabException.rootMessage(e));
        }
    }

    /** GET on the Docker API; the body on 200, else an IOException with the status. */
    private static String get(String endpoint, String path) throws IOException {
        try (DockerHttpClient http = new ZerodepDockerHttpClient.Builder().dockerHost(URI.create(endpoint))
                .connectionTimeout(Duration.ofSeconds(3)).responseTimeout(Duration.ofSeconds(10)).build();
             DockerHttpClient.Response r = http.execute(DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET).path(path).build())) {
            String body = new String(r.getBody().readAllBytes(), StandardCharsets.UTF_8);
            if (r.getStatusCode() != 200) {
                throw new IOException("HTTP " + r.getStatusCode() + " for " + path);
            }
            return body;
        }
    }
}
