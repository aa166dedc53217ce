package dev.netpollab.shell;

import dev.netpollab.lab.Lab;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * On labs with a real API server, {@code kubectl …} runs the real kubectl with the lab's kubeconfig, as in
 * the exam; the built-ins serve where kubectl is missing or the lab is embedded.
 */
public final class Kubectl {
    private static final Set<String> CHANGES = Set.of("apply", "create", "delete", "edit", "label", "patch", "replace");

    private Kubectl() {
    }

    /** The kubectl binary on PATH, if any. */
    public static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, "kubectl");
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The kubeconfig to pass through with, when the lab has one, it is up, and kubectl is installed. */
    static Optional<Path> available(Session s) {
        if (!s.labHandle().ready() || find().isEmpty()) {
            return Optional.empty();
        }
        Lab lab = s.lab();
        return lab.kubeconfig();
    }

    /** Runs kubectl with the learner's arguments on the terminal; returns its exit status. */
    static int run(Session s, Path kubeconfig, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(find().orElseThrow().toString());
        cmd.addAll(args);
        String heredoc = s.takeHeredoc();
        String input = heredoc == null ? null : s.readUntil(heredoc);
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        if (input != null) {
            pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        }
        // `k get ... > FILE` or `| grep`: the shell takes kubectl's output; its errors still reach the terminal.
        boolean captured = s.out() != s.terminal();
        if (captured) {
            pb.redirectOutput(ProcessBuilder.Redirect.PIPE);
        }
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        var terminal = s.lineReader().map(r -> r.getTerminal()).orElse(null);
        s.out().flush();
        if (terminal != null) {
            terminal.pause(true);
        }
        try {
            Process p = pb.start();
            if (input != null) {
                try (var in = p.getOutputStream()) {
                    in.write(input.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            if (captured) {
                s.out().print(new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
            int code = p.waitFor();
            if (!args.isEmpty() && CHANGES.contains(args.get(0))) {
                s.policiesChanged();
            }
            return code;
        } finally {
            if (terminal != null) {
                terminal.resume();
            }
        }
    }
}
