package dev.netpollab.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs netpol-lab as a separate process, as a learner would from a pipe: its own JVM, its own
 * NETPOL_LAB_HOME, environment variables such as EDITOR, and the lines of a script on stdin. It runs on the
 * embedded lab unless the test sets DOCKER_HOST to exercise the automatic choice.
 */
record ShellProcess(int exitCode, String output) {
    static ShellProcess run(Path home, Map<String, String> env, String script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "dev.netpollab.cli.Main"));
        cmd.addAll(List.of(args));
        if (!env.containsKey("DOCKER_HOST")) {
            // The embedded lab whatever the machine has; tests of the lab choice point DOCKER_HOST somewhere instead.
            cmd.addAll(List.of("--lab", "embedded"));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("NETPOL_LAB_HOME", home.toString());
        pb.environment().remove("EDITOR");
        pb.environment().remove("KUBE_EDITOR");
        pb.environment().remove("VISUAL");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("netpol-lab did not finish; output so far:\n" + new String(out, StandardCharsets.UTF_8));
        }
        return new ShellProcess(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
