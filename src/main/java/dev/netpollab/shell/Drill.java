package dev.netpollab.shell;

import dev.netpollab.grade.Coach;
import dev.netpollab.grade.Grade;
import dev.netpollab.grade.GradeRenderer;
import dev.netpollab.grade.Grader;
import dev.netpollab.lab.AppHome;
import dev.netpollab.lab.Lab;
import dev.netpollab.lab.LabProgress;
import dev.netpollab.scenario.KubeYaml;
import dev.netpollab.scenario.Manifests;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.WorldPod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** Starting, checking and finishing a scenario in the drill shell. */
final class Drill {
    private Drill() {
    }

    static void start(Session s, Scenario chosen) {
        PrintWriter out = s.out();
        Lab lab = s.lab();
        lab.cannotRun(chosen).ifPresent(why -> {
            throw new ShellError(why);
        });
        Scenario scenario = lab.adapt(chosen);
        s.attempt().ifPresent(previous -> {
            // Another scenario, or another variant of this one, lives in other namespaces: remove those.
            if (!previous.scenario().world().scenarioNamespaces().equals(scenario.world().scenarioNamespaces())) {
                lab.teardown(previous.scenario(), LabProgress.NONE);
            }
        });
        try (TerminalProgress progress = TerminalProgress.of(s)) {
            lab.teardown(scenario, LabProgress.NONE);
            lab.provision(scenario, progress);
            lab.applyBroken(scenario);
        }
        Path work = writeWorkFiles(s, scenario);
        s.attempt(new Attempt(scenario, s.clock().instant()));
        s.progress().started(scenario.id());
        out.println();
        printTask(s, scenario);
        out.println();
        if (work != null) {
            out.println(s.colors().dim("The policies as you find them are also in this directory (edit and `apply -f` them):"));
            out.println(s.colors().dim("  " + work + "/"));
            if (Files.isDirectory(work.resolve("at-quit"))) {
                out.println("Your policies from when you last quit (`k apply -f` the folder to go on): " + work.resolve("at-quit") + "/");
            }
        }
        out.println(s.colors().dim("Commands: task, hint, check, explain, matrix, probe, kubectl (get, describe, apply, edit...), help."));
    }

    static void printTask(Session s, Scenario scenario) {
        s.out().println(s.colors().bold(scenario.title()) + s.colors().dim("  [" + scenario.id() + ", " + scenario.meta().difficulty().label()
                + ", ~" + scenario.meta().minutes() + " min]"));
        printTaskText(s, scenario);
    }

    /** The task as the exam shows it too: its text and where it lives, never the title or id (they give the answer away). */
    static void printTaskText(Session s, Scenario scenario) {
        PrintWriter out = s.out();
        out.println();
        scenario.task().strip().lines().forEach(l -> out.println("  " + l));
        out.println();
        // What the task is about, one kind per line, wrapped between items: probes name externals ext:NAME, policies see their IPs.
        int width = s.lineReader().map(r -> r.getTerminal().getWidth()).orElse(0);
        boolean outside = !scenario.world().externals().isEmpty();
        String pad = outside ? "%-20s" : "%-11s";
        list(s, String.format(pad, "Namespaces:"), scenario.world().scenarioNamespaces(), width);
        list(s, String.format(pad, "Pods:"), scenario.world().pods().stream().filter(p -> !dev.netpollab.scenario.World.isImplicitDns(p))
                .map(WorldPod::id).toList(), width);
        if (!scenario.world().services().isEmpty()) {
            list(s, String.format(pad, "Services:"), scenario.world().services().stream().map(svc -> "svc:" + svc.id() + " ("
                    + svc.ports().stream().map(p -> p.port() + (p.targetPort() == null || p.targetPort().equals(String.valueOf(p.port()))
                    ? "" : "->" + p.targetPort())).collect(Collectors.joining(", ")) + ")").toList(), width);
        }
        if (outside) {
            list(s, String.format(pad, "Outside the cluster:"), scenario.world().externals().stream().map(e -> "ext:" + e.name() + " " + e.ip()
                    + " (port" + (e.ports().size() == 1 ? " " : "s ") + e.ports().stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + ")").toList(), width);
        }
    }

    /** "  Label: a, b, c", wrapped between items under the first item when the terminal is narrower (width 0: unknown). */
    private static void list(Session s, String label, List<String> items, int width) {
        String indent = " ".repeat(2 + label.length() + 1);
        StringBuilder line = new StringBuilder("  " + label + " ");
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i) + (i < items.size() - 1 ? "," : "");
            if (width > 20 && i > 0 && line.length() + item.length() > width - 1) {
                s.out().println(s.colors().dim(line.toString().stripTrailing()));
                line = new StringBuilder(indent);
            }
            line.append(item).append(' ');
        }
        s.out().println(s.colors().dim(line.toString().stripTrailing()));
    }

    /**
     * Writes the broken policies to ~/.netpol-lab/work/ID/, one file per policy, and the task; null when they could not be
     * written. Files the learner wrote or changed there are moved to a {@code kept-TIME/} folder first, never deleted.
     */
    static Path writeWorkFiles(Session s, Scenario scenario) {
        Path dir = s.workDir(scenario.id());
        try {
            Files.createDirectories(dir);
            java.util.Map<String, String> ours = new java.util.LinkedHashMap<>();
            for (NetworkPolicy np : scenario.brokenPolicies()) {
                ours.put(np.getMetadata().getNamespace() + "-" + np.getMetadata().getName() + ".yaml", KubeYaml.toYaml(np));
            }
            Path kept = dir.resolve("kept-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .withZone(java.time.ZoneId.systemDefault()).format(s.clock().instant()));
            try (var old = Files.list(dir)) {
                for (Path p : old.filter(p -> Files.isRegularFile(p) && (Manifests.isYaml(p) || p.toString().endsWith(".json"))).toList()) {
                    String name = p.getFileName().toString();
                    if (name.equals("solution.yaml") || holds(p, ours.get(name))) {
                        Files.delete(p);
                    } else {
                        Files.createDirectories(kept);
                        Files.move(p, kept.resolve(name));
                    }
                }
            }
            if (Files.isDirectory(kept)) {
                s.out().println(s.colors().yellow("note: ") + "your own files from last time are kept in " + kept + "/");
            }
            for (var e : ours.entrySet()) {
                AppHome.writeAtomically(dir.resolve(e.getKey()), e.getValue());
            }
            AppHome.writeAtomically(dir.resolve("TASK.txt"), scenario.task());
        } catch (IOException e) {
            s.out().println(s.colors().yellow("note: ") + "could not write the work files to " + dir + ": "
                    + dev.netpollab.scenario.IoMessages.of(e));
            return null;
        }
        return dir;
    }

    /**
     * Writes the policies of the scenario's namespaces, as the lab holds them, to {@code work/ID/at-quit/} when they differ
     * from the broken state (a learner who changed nothing gets no folder).
     */
    static void saveAtQuit(Session s, Scenario scenario) {
        java.util.Set<String> namespaces = new java.util.HashSet<>(scenario.world().scenarioNamespaces());
        List<NetworkPolicy> now = s.lab().snapshot(scenario).policies().stream()
                .filter(np -> namespaces.contains(np.getMetadata().getNamespace())).toList();
        // Compared as the API server keeps them (policyTypes and protocols defaulted), so an untouched lab is unchanged.
        java.util.Map<String, Object> before = new java.util.HashMap<>();
        scenario.brokenPolicies().forEach(np -> before.put(np.getMetadata().getNamespace() + "/" + np.getMetadata().getName(), defaulted(np)));
        boolean changed = now.size() != before.size() || now.stream().anyMatch(np ->
                !java.util.Objects.equals(before.get(np.getMetadata().getNamespace() + "/" + np.getMetadata().getName()), defaulted(np)));
        if (!changed) {
            return;
        }
        Path dir = s.workDir(scenario.id()).resolve("at-quit");
        try {
            if (Files.isDirectory(dir)) {
                try (var old = Files.list(dir)) {
                    for (Path p : old.toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir);
            for (NetworkPolicy np : now) {
                NetworkPolicy clean = new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder().withNewMetadata()
                        .withName(np.getMetadata().getName()).withNamespace(np.getMetadata().getNamespace())
                        .withLabels(np.getMetadata().getLabels()).endMetadata().withSpec(np.getSpec()).build();
                AppHome.writeAtomically(dir.resolve(np.getMetadata().getNamespace() + "-" + np.getMetadata().getName() + ".yaml"),
                        KubeYaml.toYaml(clean));
            }
        } catch (IOException e) {
            s.out().println(s.colors().yellow("note: ") + "your policies in the lab could not be saved to " + dir + ": "
                    + dev.netpollab.scenario.IoMessages.of(e));
            return;
        }
        s.out().println("Your policies in the lab (" + scenario.id() + ") are saved in " + dir + "/");
        s.out().println("  after `start " + scenario.id() + "`, this brings them back: k apply -f " + dir + "/");
    }

    private static Object defaulted(NetworkPolicy np) {
        var ser = KubeYaml.serialization();
        NetworkPolicy copy = ser.clone(np);
        dev.netpollab.policy.PolicyDefaults.apply(copy);
        return ser.convertValue(copy.getSpec(), tools.jackson.databind.JsonNode.class);
    }

    /** The file holds exactly this text (a file that cannot be read as UTF-8 does not: it is the learner's). */
    private static boolean holds(Path p, String text) {
        try {
            return text != null && Files.readString(p).equals(text);
        } catch (IOException e) {
            return false;
        }
    }

    /** Grades the current attempt, prints the result table, records it. */
    static Grade check(Session s) {
        Attempt a = s.requireAttempt();
        Scenario scenario = a.scenario();
        Lab lab = s.lab();
        var snapshot = lab.snapshot(scenario);
        Grade g = new Grader().grade(scenario, snapshot, dev.netpollab.probe.Probers.of(lab));
        a.graded(g);
        PrintWriter out = s.out();
        GradeRenderer.render(g, s.colors(), s.coach() ? Coach.lint(snapshot, scenario) : List.of()).forEach(out::println);
        Duration elapsed = a.elapsed(s.clock().instant());
        s.progress().checked(scenario.id(), g.score(), g.passed(), elapsed.getSeconds(), a.hintsShown(), a.revealed());
        java.util.Map<String, Double> topics = new java.util.LinkedHashMap<>();
        scenario.meta().topics().forEach(t -> topics.put(t, Math.round(g.score() * 1000) / 10.0));
        dev.netpollab.exam.HistoryLog.open().append(new dev.netpollab.exam.HistoryLog.Entry("check", g.at(), scenario.title(),
                List.of(scenario.id()), Math.round(g.score() * 1000) / 10.0, g.passed(), topics, elapsed.getSeconds(), null));
        if (g.passed()) {
            out.println();
            out.println(s.colors().green("Solved in " + Attempt.clock(elapsed) + (a.hintsShown() > 0 ? " with " + a.hintsShown() + " hint(s)" : "")
                    + (a.revealed() ? " (after revealing the solution)" : "") + "."));
            if (!scenario.explanation().isBlank()) {
                out.println();
                out.println(s.colors().bold("Why:"));
                scenario.explanation().strip().lines().forEach(l -> out.println("  " + l));
            }
            if (!scenario.cniNotes().isBlank()) {
                out.println();
                out.println(s.colors().bold("On real CNIs:"));
                scenario.cniNotes().strip().lines().forEach(l -> out.println("  " + l));
            }
            out.println();
            out.println("Type `next` for the next scenario.");
        } else {
            out.println(s.colors().dim("`explain` shows each wrong cell rule by rule; `hint` gives a hint."));
        }
        s.checked(g);
        return g;
    }

    /** After the learner changed policies: one line if the coach has something to say. */
    static void coachSummary(Session s) {
        if (!s.coach() || s.attempt().isEmpty()) {
            return;
        }
        Scenario scenario = s.attempt().get().scenario();
        var findings = Coach.lint(s.lab().snapshot(scenario), scenario);
        String summary = dev.netpollab.policy.lint.Linter.summary(findings);
        if (!summary.isEmpty()) {
            s.out().println(s.colors().yellow("coach: ") + summary + " — type `lint`");
        }
    }

    /** The scenario after the current one in the library, preferring ones not passed yet. */
    static Scenario next(Session s) {
        List<Scenario> all = s.library().scenarios();
        if (all.isEmpty()) {
            throw new ShellError("the library is empty");
        }
        int from = s.scenario().map(all::indexOf).orElse(-1);
        for (int i = 1; i <= all.size(); i++) {
            Scenario c = all.get((from + i) % all.size());
            if (s.progress().get(c.id()).passes() == 0) {
                return c;
            }
        }
        return all.get((from + 1) % all.size());
    }
}
