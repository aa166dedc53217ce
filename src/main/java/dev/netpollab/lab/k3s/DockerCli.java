package dev.netpollab.lab.k3s;

import dev.netpollab.lab.LabException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The {@code docker} command, for what Testcontainers does not do: pulling with docker's own error
 * message (Testcontainers retries a failed pull silently for minutes), and {@code docker save}.
 */
public final class DockerCli {
    /** @param output stdout and stderr together */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** The line that carries docker's reason ("Error response from daemon: ..."), else its last line. */
        public String reason() {
            List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            return lines.stream().filter(l -> l.contains("rror")).reduce((a, b) -> b)
                    .or(() -> lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1)))
                    .map(l -> l.replaceFirst("^docker: ", "")).orElse("exit " + exitCode);
        }
    }

    private DockerCli() {
    }

    /** The docker command: {@code docker} on the PATH, or the {@code netpollab.docker} system property (tests). */
    static String command() {
        return System.getProperty("netpollab.docker", "docker");
    }

    /** @throws LabException when the docker command is not installed */
    public static Result run(Duration timeout, String... args) {
        List<String> cmd = new ArrayList<>(List.of(command()));
        cmd.addAll(Arrays.asList(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new LabException("the docker command is not installed (netpol-lab uses it to pull and cache images): " + e.getMessage(), e);
        }
        try {
            p.getOutputStream().close();
            // Read while waiting, so a chatty pull cannot fill the pipe and stall.
            var reader = p.inputReader(StandardCharsets.UTF_8);
            StringBuilder out = new StringBuilder();
            Thread drain = new Thread(() -> reader.lines().forEach(l -> out.append(l).append('\n')), "docker-output");
            drain.setDaemon(true);
            drain.start();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "docker " + String.join(" ", args) + " timed out after " + timeout.toSeconds() + " s");
            }
            drain.join(5000);
            return new Result(p.exitValue(), out.toString());
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new LabException("interrupted while running docker " + String.join(" ", args));
        }
    }

    public static boolean hasImage(String image) {
        return run(Duration.ofSeconds(60), "image", "inspect", image).ok();
    }

    private static final Map<String, String> PLATFORMS = new ConcurrentHashMap<>();

    /**
     * The Docker daemon's own platform ({@code linux/arm64} on Apple Silicon and Graviton), from {@code docker
     * version}: images are pulled and saved for it, since k3s runs on that daemon. linux/amd64 when it cannot be told.
     */
    public static String platform() {
        return PLATFORMS.computeIfAbsent(command(), c -> platformOf(run(Duration.ofSeconds(30), "version", "--format", "{{.Server.Os}}/{{.Server.Arch}}")));
    }

    /** {@code linux/arm64} from the output of {@code docker version --format '{{.Server.Os}}/{{.Server.Arch}}'}. */
    static String platformOf(Result version) {
        String out = version.output().strip();
        return version.ok() && out.matches("[a-z0-9]+/[a-z0-9_]+") ? out : "linux/amd64";
    }

    /** Pulls the image for the daemon's platform unless the host has it; a failure carries docker's reason. */
    public static void ensureImage(String image) {
        if (hasImage(image)) {
            return;
        }
        Result r = run(Duration.ofMinutes(10), "pull", "--platform", platform(), image);
        if (!r.ok()) {
            throw new LabException("could not pull " + image + ": " + r.reason()
                    + ". Offline, `docker load` it from a machine that has it (`netpol-lab doctor` lists what is missing)");
        }
    }
}
