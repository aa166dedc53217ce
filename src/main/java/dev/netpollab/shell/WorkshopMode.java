package dev.netpollab.shell;

import dev.netpollab.grade.CellResult;
import dev.netpollab.grade.Grade;
import dev.netpollab.lab.Applier;
import dev.netpollab.lab.Lab;
import dev.netpollab.lab.LabProgress;
import dev.netpollab.scenario.InvalidInputException;
import dev.netpollab.scenario.KubeYaml;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.workshop.NamespaceMapping;
import dev.netpollab.workshop.PolicyDiff;
import dev.netpollab.workshop.WorkshopApi;
import dev.netpollab.workshop.WorkshopLink;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.jline.reader.LineReader;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The learner's usual shell inside a workshop: the workshop's tasks instead of the library, the workshop's
 * clock and the instructor's messages in the status line, hints as the instructor reveals them, and every
 * {@code check} and {@code submit} sent to the server (queued on disk first, so nothing is lost while the
 * server is away). Each task's world is created on the first visit and kept, so the learner can come back.
 */
public final class WorkshopMode implements ShellMode {
    static final List<Class<? extends ShellCommand>> COMMANDS = List.of(WorkshopCommands.TasksCmd.class, WorkshopCommands.GotoCmd.class,
            WorkshopCommands.NextCmd.class, WorkshopCommands.PrevCmd.class, WorkshopCommands.TaskCmd.class, TrainerCommands.CheckCmd.class,
            WorkshopCommands.SubmitCmd.class, WorkshopCommands.HintCmd.class, TrainerCommands.ExplainCmd.class, TrainerCommands.MatrixCmd.class,
            TrainerCommands.ProbeCmd.class, TrainerCommands.LintCmd.class, TrainerCommands.ResetCmd.class, WorkshopCommands.MessagesCmd.class,
            WorkshopCommands.StatusCmd.class, TrainerCommands.QuitCmd.class);

    private final WorkshopLink link;
    private final List<Scenario> scenarios;
    private final Map<Integer, Scenario> adapted = new HashMap<>();
    private final Map<Integer, Attempt> attempts = new HashMap<>();
    private final Set<Integer> provisioned = new HashSet<>();
    private final Map<String, Integer> owner = new HashMap<>();
    private final Map<Integer, List<String>> sentWork = new HashMap<>();
    private final Set<Integer> submitted = new HashSet<>();
    private int current = -1;
    private boolean submitting;

    public WorkshopMode(WorkshopLink link) {
        this.link = link;
        this.scenarios = link.plan().scenarios();
    }

    WorkshopLink link() {
        return link;
    }

    int current() {
        return current;
    }

    int size() {
        return scenarios.size();
    }

    Scenario scenario(int task) {
        return scenarios.get(task);
    }

    boolean submitted(int task) {
        return submitted.contains(task) || link.standing(task).map(WorkshopApi.TaskStanding::submitted).orElse(false);
    }

    @Override
    public List<Class<? extends ShellCommand>> commands() {
        return COMMANDS;
    }

    @Override
    public String title() {
        return "Workshop commands";
    }

    @Override
    public String unavailable(String command) {
        return "in a workshop: your instructor hands out the tasks (`tasks`, `goto N`, `next`) and reveals the hints (`hint`)";
    }

    @Override
    public void banner(Session s) {
        s.onChecked(g -> send(s, submitting ? "submit" : "check", g));
        PrintWriter out = s.out();
        out.println(s.colors().bold("netpol-lab workshop") + " — " + link.plan().title());
        out.println("Seat " + link.seat() + " as " + link.name() + " at " + link.url() + ". " + scenarios.size() + " tasks; " + clockWords()
                + ". Lab: " + s.labHandle().kind() + ".");
        out.println("Every `check` and `submit` is sent to your instructor (the server grades it). `tasks`, `goto N`, `next`, `hint`, "
                + "`messages`, `help`.");
        news(out::println);
        out.println();
        goTo(s, link.startTask());
    }

    @Override
    public String prompt(Session s) {
        return s.colors().bold("workshop") + s.colors().dim("[" + (current + 1) + "/" + scenarios.size() + "]") + "> ";
    }

    @Override
    public String status(Session s) {
        String msg = link.lastMessage();
        return "WORKSHOP | task " + (current + 1) + "/" + scenarios.size() + " | " + clockWords()
                + (link.queued() > 0 ? " | " + link.queued() + " queued" : "") + (link.connected() ? "" : " | offline")
                + (msg == null ? "" : " | " + (msg.length() > 40 ? msg.substring(0, 39) + "…" : msg));
    }

    String clockWords() {
        WorkshopApi.TimerView t = link.timer();
        return switch (t.state()) {
            case "running" -> Attempt.clock(Duration.ofSeconds(t.remainingSeconds())) + " left";
            case "paused" -> "paused, " + Attempt.clock(Duration.ofSeconds(t.remainingSeconds())) + " left";
            case "over" -> "time is up";
            default -> "timer not started";
        } + (link.closed() ? ", closed" : "");
    }

    @Override
    public boolean beforeCommand(Session s) {
        news(s.out()::println);
        return true;
    }

    @Override
    public void afterCommand(Session s) {
        news(s.out()::println);
    }

    @Override
    public void tick(Session s, LineReader reader) {
        news(reader::printAbove);
    }

    private void news(java.util.function.Consumer<String> say) {
        link.takeNews().forEach(n -> say.accept("workshop: " + n));
    }

    @Override
    public void onExit(Session s) {
        int queued = link.queued();
        if (queued > 0) {
            s.out().println("Sending " + queued + " queued result(s) to the workshop...");
            s.out().flush();
        }
        link.close();
        int left = link.queued();
        if (left > 0) {
            s.out().println(left + " result(s) could not be sent yet; they are kept in " + link.queueDirectory()
                    + " and sent the next time you join (the same command).");
        }
    }

    /** Makes task i the current one: its world is created on the first visit (with the work the server has), then shown. */
    void goTo(Session s, int i) {
        if (i < 0 || i >= scenarios.size()) {
            throw new ShellError("there are tasks 1 to " + scenarios.size());
        }
        Lab lab = s.lab();
        Scenario sc = adapted.computeIfAbsent(i, k -> lab.adapt(scenarios.get(k)));
        lab.cannotRun(sc).ifPresent(why -> {
            throw new ShellError("task " + (i + 1) + " cannot run on the " + lab.kind() + " lab: " + why);
        });
        if (!provisioned.contains(i)) {
            provision(s, lab, i, sc);
        }
        current = i;
        s.attempt(attempts.computeIfAbsent(i, k -> new Attempt(sc, s.clock().instant())));
        link.visit(i);
        s.out().println(s.colors().bold("Task " + (i + 1) + "/" + scenarios.size()) + s.colors().dim("  (weight "
                + link.plan().tasks().get(i).weight() + ")"));
        Drill.printTask(s, sc);
    }

    private void provision(Session s, Lab lab, int i, Scenario sc) {
        for (String ns : sc.world().scenarioNamespaces()) {
            Integer before = owner.put(ns, i);
            if (before != null && before != i && provisioned.remove(before)) {
                s.out().println(s.colors().dim("(task " + (before + 1) + " shares namespace " + ns + "; it is set up again when you go back to it)"));
            }
        }
        lab.teardown(sc, LabProgress.NONE);
        lab.provision(sc, new TerminalProgress(s.out()));
        lab.applyBroken(sc);
        Drill.writeWorkFiles(s, sc);
        List<String> work = sentWork.containsKey(i) ? sentWork.get(i) : link.work(i).orElse(null);
        if (work != null) {
            restore(s, lab, i, sc, work);
        }
        provisioned.add(i);
    }

    /** Puts the policies last sent for this task back in place of the broken ones. */
    private void restore(Session s, Lab lab, int i, Scenario sc, List<String> policies) {
        NamespaceMapping mapping = NamespaceMapping.between(scenarios.get(i), sc);
        List<HasMetadata> objects = new ArrayList<>();
        try {
            for (String yaml : policies) {
                KubeYaml.read("your work on task " + (i + 1), yaml).forEach(ko -> objects.add(mapping.toLab((NetworkPolicy) ko.object())));
            }
        } catch (InvalidInputException | ClassCastException e) {
            s.out().println(s.colors().yellow("note: ") + "your last sent policies of task " + (i + 1) + " could not be read back; the task starts broken");
            return;
        }
        for (String ns : sc.world().scenarioNamespaces()) {
            lab.client().network().networkPolicies().inNamespace(ns).delete();
        }
        Applier.apply(lab.client(), objects);
        s.out().println(s.colors().dim("Your policies as you last sent them for this task are back in place (" + objects.size() + ")."));
    }

    /** Grades the current task as `check` does, and sends it as handed in. */
    void submit(Session s) {
        submitting = true;
        try {
            Drill.check(s);
        } finally {
            submitting = false;
        }
    }

    /**
     * Sends the current task's policies and what the lab observed, then waits a moment for the server's answer.
     *
     * @param g the grade just shown to the learner
     */
    private void send(Session s, String kind, Grade g) {
        int i = current;
        Lab lab = s.lab();
        Scenario sc = adapted.get(i);
        NamespaceMapping mapping = NamespaceMapping.between(scenarios.get(i), sc);
        List<JsonNode> policies = new ArrayList<>();
        List<String> yaml = new ArrayList<>();
        for (NetworkPolicy np : lab.snapshot(sc).policies()) {
            NetworkPolicy mine = mapping.toWorkshop(PolicyDiff.normalized(np));
            policies.add(WorkshopApi.LENIENT.readTree(KubeYaml.serialization().asJson(mine)));
            yaml.add(KubeYaml.toYaml(mine));
        }
        List<WorkshopApi.ObservedCell> cells = new ArrayList<>();
        for (CellResult c : g.cells()) {
            cells.add(new WorkshopApi.ObservedCell(mapping.probe(c.probe()), c.observation().outcome().label()));
        }
        String id;
        try {
            id = link.send(kind, i, policies, new WorkshopApi.Observed(lab.kind(), cells, g.integrityFailures()));
        } catch (IOException e) {
            throw new ShellError("could not queue the result for the workshop (" + e.getMessage() + "); your work in the lab is unchanged");
        }
        sentWork.put(i, yaml);
        if (kind.equals("submit")) {
            submitted.add(i);
        }
        s.out().flush();
        link.await(id, Duration.ofSeconds(3)).ifPresentOrElse(
                a -> s.out().println(s.colors().green("Sent") + " to the workshop: " + WorkshopLink.describe(a) + "."),
                () -> s.out().println(s.colors().yellow("Queued") + " for the workshop: the server does not answer yet; "
                        + link.queued() + " result(s) wait in " + link.queueDirectory() + " and are re-sent until it does."));
    }

    /** The next task not submitted after the current one, or -1. */
    int nextOpen() {
        for (int k = 1; k <= scenarios.size(); k++) {
            int t = (current + k) % scenarios.size();
            if (!submitted(t)) {
                return t;
            }
        }
        return -1;
    }
}
