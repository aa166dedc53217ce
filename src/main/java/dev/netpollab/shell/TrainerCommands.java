package dev.netpollab.shell;

import dev.netpollab.exam.ScenarioListView;
import dev.netpollab.grade.CellResult;
import dev.netpollab.grade.Grade;
import dev.netpollab.grade.MatrixRenderer;
import dev.netpollab.grade.TextTable;
import dev.netpollab.grade.VerdictExplainer;
import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.lab.Lab;
import dev.netpollab.lab.cluster.ClusterLab;
import dev.netpollab.policy.PodInfo;
import dev.netpollab.policy.PolicyEngine;
import dev.netpollab.policy.Topology;
import dev.netpollab.probe.ModelProber;
import dev.netpollab.probe.Observation;
import dev.netpollab.probe.Probe;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.Target;
import dev.netpollab.scenario.VariantRenderer;
import dev.netpollab.scenario.World;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The trainer's own commands: pick, read, get help, grade, understand. */
final class TrainerCommands {
    private TrainerCommands() {
    }

    @Command(name = "list", description = "List the scenarios with your progress.")
    static final class ListCmd extends ShellCommand {
        @Override
        protected void run() {
            boolean cluster = s.labHandle().kind().equals("cluster");
            ScenarioListView.render(s.library().scenarios(), s.progress(), s.colors(), sc -> cluster && ClusterLab.unsupported(sc).isPresent(),
                    "Type `start ID` (Tab completes ids), or `next`.", s.lineReader().map(r -> r.getTerminal().getWidth()).orElse(0))
                    .forEach(s.out()::println);
        }
    }

    @Command(name = "start", description = "Start a scenario: create its world, apply the broken policies, show the task.")
    static final class StartCmd extends ShellCommand {
        @Parameters(paramLabel = "ID", description = "Scenario id (see `list`).")
        String id;

        @Option(names = "--variant", arity = "0..1", paramLabel = "SEED", fallbackValue = "0",
                description = {"A variant, so the answer cannot be remembered: namespaces, label values and ports change together in "
                        + "the task, world, policies and expectations.", "From SEED (to repeat one), or from a random seed."})
        Long variant;

        @Override
        protected void run() {
            Scenario chosen = s.library().require(id, "`list`");
            if (variant != null) {
                if (chosen.variants().isEmpty()) {
                    s.out().println(s.colors().dim(id + " declares no variants; starting it as written."));
                } else {
                    long seed = variant != 0 ? variant : java.util.concurrent.ThreadLocalRandom.current().nextInt(1, 100_000);
                    chosen = VariantRenderer.render(chosen, seed);
                    s.out().println(s.colors().dim("Variant " + seed + " (`start " + id + " --variant " + seed + "` repeats it)."));
                }
            }
            Drill.start(s, chosen);
        }
    }

    @Command(name = "task", description = "Show the current task again.")
    static final class TaskCmd extends ShellCommand {
        @Override
        protected void run() {
            Drill.printTask(s, s.requireAttempt().scenario());
        }
    }

    @Command(name = "hint", description = "Show the next hint (hints used are recorded).")
    static final class HintCmd extends ShellCommand {
        @Override
        protected void run() {
            Attempt a = s.requireAttempt();
            String h = a.nextHint();
            if (h == null) {
                s.out().println("No more hints. `solution` shows a reference repair (it is recorded as revealed).");
                return;
            }
            s.progress().hint(a.scenario().id(), a.hintsShown());
            s.out().println(s.colors().yellow("Hint " + a.hintsShown() + "/" + a.scenario().hints().size() + ": ") + h);
        }
    }

    @Command(name = "check", description = "Grade your repair: probe every expectation and explain each wrong cell.")
    static final class CheckCmd extends ShellCommand {
        @Option(names = "--report", paramLabel = "DIR", description = "Also write report.md, report.json and junit.xml to DIR.")
        Path report;

        @Override
        protected void run() throws Exception {
            Grade g = Drill.check(s);
            if (report != null) {
                ReportExport.write(s, g, report);
            }
        }
    }

    @Command(name = "explain", description = {"Explain, rule by rule, why a connection is allowed or blocked.",
            "Without arguments: every wrong cell of the last check."})
    static final class ExplainCmd extends ShellCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "SRC", description = "Source pod, NAMESPACE/POD.")
        String src;

        @Parameters(index = "1", arity = "0..1", paramLabel = "DST:PORT[/PROTO]",
                description = "Destination: NAMESPACE/POD, svc:NAMESPACE/NAME or ext:NAME, with a port.")
        String dst;

        @Override
        protected void run() {
            Attempt a = s.requireAttempt();
            PrintWriter out = s.out();
            Lab lab = s.lab();
            ClusterSnapshot snap = lab.snapshot(a.scenario());
            if (src == null) {
                Grade g = a.lastGrade();
                if (g == null) {
                    throw new ShellError("run `check` first, or name a connection: explain SRC DST:PORT[/PROTO]");
                }
                List<CellResult> wrong = g.failedCells();
                if (wrong.isEmpty()) {
                    out.println("The last check had no wrong cell.");
                }
                PolicyEngine engine = PolicyEngine.compile(snap.topology(), snap.policies());
                for (CellResult c : wrong) {
                    explainProbe(out, engine, snap, c.probe());
                    out.println();
                }
                return;
            }
            if (dst == null) {
                throw new ShellError("usage: explain SRC DST:PORT[/PROTO], e.g. explain shop/web shop/db:5432");
            }
            Probe p = ProbeArgs.parse(src, dst, snap);
            explainProbe(out, PolicyEngine.compile(snap.topology(), snap.policies()), snap, p);
        }

        private void explainProbe(PrintWriter out, PolicyEngine engine, ClusterSnapshot snap, Probe p) {
            Observation o = ModelProber.observe(engine, snap, p);
            out.println(s.colors().bold(p.toString()) + ": " + o.outcome().label() + " — " + o.detail());
            if (o.verdict() != null) {
                List<String> lines = VerdictExplainer.explain(o.verdict());
                if (!o.verdict().connection().toString().equals(p.toString())) {
                    out.println("  deciding connection: " + lines.get(0));
                }
                lines.subList(1, lines.size()).forEach(out::println);
            }
        }
    }

    @Command(name = "matrix", description = "Show who can reach whom right now: pods, Services and endpoints outside the cluster.")
    static final class MatrixCmd extends ShellCommand {
        @Override
        protected void run() {
            Scenario sc = s.requireAttempt().scenario();
            ClusterSnapshot snap = s.lab().snapshot(sc);
            Topology t = snap.topology();
            List<PodInfo> pods = t.pods().stream().filter(p -> !p.namespace().equals(World.DNS_NAMESPACE)
                    || sc.expect().stream().anyMatch(e -> e.to().text().equals(p.id()))).toList();
            // The world's Services, and any other one the task probes (the cluster's own stay out of the grid).
            java.util.Set<String> namespaces = new java.util.HashSet<>(sc.world().scenarioNamespaces());
            MatrixRenderer.render(snap, pods, svc -> namespaces.contains(svc.getMetadata().getNamespace())
                    || sc.expect().stream().anyMatch(e -> e.to().text().equals("svc:" + svc.getMetadata().getNamespace() + "/"
                    + svc.getMetadata().getName())), s.colors()).forEach(s.out()::println);
            s.out().println(s.colors().dim("Computed by the policy engine" + (dev.netpollab.probe.Probers.of(s.lab()).real()
                    ? "; `probe SRC DST:PORT` sends a real one." : ".")));
        }
    }

    @Command(name = "probe", description = {"Send one probe, like `kubectl exec SRC -- curl DST:PORT`.",
            "DST is NAMESPACE/POD, svc:NAMESPACE/NAME, ext:NAME, or the IP of a pod or of an endpoint outside the cluster."})
    static final class ProbeCmd extends ShellCommand {
        @Parameters(index = "0", paramLabel = "SRC", description = "Source pod, NAMESPACE/POD.")
        String src;

        @Parameters(index = "1", paramLabel = "DST:PORT[/PROTO]", description = "Destination, with a port (and UDP or SCTP if not TCP).")
        String dst;

        @Override
        protected void run() {
            Attempt a = s.requireAttempt();
            Lab lab = s.lab();
            ClusterSnapshot snap = lab.snapshot(a.scenario());
            Probe p = ProbeArgs.parse(src, dst, snap);
            Observation o = dev.netpollab.probe.Probers.of(lab).probe(snap, List.of(p)).get(0);
            String outcome = switch (o.outcome()) {
                case ALLOWED -> s.colors().green("allowed");
                case BLOCKED -> s.colors().red("blocked");
                default -> s.colors().yellow(o.outcome().label());
            };
            s.out().println(p + ": " + outcome + " — " + o.detail()
                    + (o.matchesPrediction() ? "" : s.colors().yellow(" (the engine predicted " + o.predicted().label() + ")")));
        }
    }

    @Command(name = "reset", description = "Put the scenario back in its broken state (asks first).")
    static final class ResetCmd extends ShellCommand {
        @Option(names = {"-y", "--yes"}, description = "Do not ask.")
        boolean yes;

        @Override
        protected void run() {
            Attempt a = s.requireAttempt();
            if (!yes && !s.confirm("Reset " + a.scenario().id() + " to its broken state? Your policies in its namespaces will be deleted.")) {
                s.out().println("Nothing changed.");
                return;
            }
            try (TerminalProgress progress = TerminalProgress.of(s)) {
                s.lab().reset(a.scenario(), progress);
            }
            a.reset();
            Path dir = Drill.writeWorkFiles(s, a.scenario());
            s.out().println("Back to the broken state" + (dir == null ? "" : "; the broken policies are in " + dir + "/ again")
                    + ". The timer keeps running.");
        }
    }

    @Command(name = "solution", description = "Show a reference solution (before a pass it asks first, and the attempt is marked as revealed).")
    static final class SolutionCmd extends ShellCommand {
        @Option(names = {"-y", "--yes"}, description = "Do not ask.")
        boolean yes;

        @Override
        protected void run() throws Exception {
            Attempt a = s.requireAttempt();
            Scenario sc = a.scenario();
            // After a pass, reading the solution costs nothing: the pass and its mastery were earned first.
            boolean costs = !a.passed() && s.progress().get(sc.id()).passes() == 0;
            if (costs && !yes && !a.revealed() && !s.confirm("Reveal the solution? The attempt will be recorded as revealed.")) {
                s.out().println("Not revealed.");
                return;
            }
            if (costs) {
                a.reveal();
                s.progress().revealed(sc.id());
            }
            Path file = s.workDir(sc.id()).resolve("solution.yaml");
            dev.netpollab.lab.AppHome.writeAtomically(file, sc.solution());
            s.out().println(s.colors().bold("A reference solution") + " — the complete set of policies after the repair:");
            s.out().println();
            sc.solution().strip().lines().forEach(l -> s.out().println("  " + l));
            s.out().println();
            List<String> extra = a.scenario().brokenPolicies().stream()
                    .filter(b -> sc.solutionPolicies().stream().noneMatch(x -> x.getMetadata().getName().equals(b.getMetadata().getName())
                            && x.getMetadata().getNamespace().equals(b.getMetadata().getNamespace())))
                    .map(b -> "kubectl delete netpol " + b.getMetadata().getName() + " -n " + b.getMetadata().getNamespace()).toList();
            s.out().println("Saved as " + file + "; apply it with `apply -f " + file + "`"
                    + (extra.isEmpty() ? "." : ", and remove what it no longer has: " + String.join("; ", extra)));
            if (!sc.explanation().isBlank()) {
                s.out().println();
                s.out().println(s.colors().bold("Why:"));
                sc.explanation().strip().lines().forEach(l -> s.out().println("  " + l));
            }
        }
    }

    @Command(name = "next", description = "Start the next scenario you have not passed yet.")
    static final class NextCmd extends ShellCommand {
        @Override
        protected void run() {
            Drill.start(s, Drill.next(s));
        }
    }

    @Command(name = "status", description = "Where you are: scenario, time, hints, last check, lab.")
    static final class StatusCmd extends ShellCommand {
        @Override
        protected void run() {
            PrintWriter out = s.out();
            out.println("lab:      " + (s.labHandle().ready() ? s.lab().describe() : s.labHandle().kind() + " (" + s.labHandle().state() + ")"));
            if (s.labHandle().ready()) {
                s.lab().kubeconfig().ifPresent(k -> out.println("kubectl:  export KUBECONFIG=" + k));
            }
            if (s.attempt().isEmpty()) {
                out.println("scenario: none — `list`, then `start ID`");
                return;
            }
            Attempt a = s.attempt().get();
            out.println("scenario: " + a.scenario().id() + " — " + a.scenario().title());
            out.println("time:     " + Attempt.clock(a.elapsed(s.clock().instant())) + " (suggested ~" + a.scenario().meta().minutes() + " min)");
            out.println("hints:    " + a.hintsShown() + "/" + a.scenario().hints().size() + (a.revealed() ? ", solution revealed" : ""));
            Grade g = a.lastGrade();
            out.println("checked:  " + (g == null ? (a.resetSinceCheck() ? "not since the reset" : "not yet")
                    : (g.passed() ? "PASSED, " : "FAILED, ") + dev.netpollab.grade.GradeRenderer.summary(g)));
        }
    }

    @Command(name = "stats", description = "Your mastery by topic.")
    static final class StatsCmd extends ShellCommand {
        @Override
        protected void run() {
            Map<String, int[]> byTopic = new TreeMap<>();
            for (Scenario sc : s.library().scenarios()) {
                var e = s.progress().get(sc.id());
                for (String topic : sc.meta().topics()) {
                    int[] c = byTopic.computeIfAbsent(topic, t -> new int[4]);
                    c[0]++;
                    if (e.attempts() > 0) {
                        c[1]++;
                    }
                    if (e.passes() > 0) {
                        c[2]++;
                    }
                    if (e.mastered()) {
                        c[3]++;
                    }
                }
            }
            TextTable t = new TextTable("TOPIC", "MASTERED", "PASSED", "TRIED", "SCENARIOS", "");
            byTopic.forEach((topic, c) -> t.row(topic, c[3], c[2], c[1], c[0], bar(c[3], c[2], c[0])));
            t.lines().forEach(s.out()::println);
            long passed = s.library().scenarios().stream().filter(sc -> s.progress().get(sc.id()).passes() > 0).count();
            s.out().println();
            s.out().println(passed + " of " + s.library().scenarios().size() + " scenarios passed. Mastered = passed without hints or the solution.");
        }

        private String bar(int mastered, int passed, int total) {
            int w = 10;
            int m = total == 0 ? 0 : Math.round(10f * mastered / total);
            int p = total == 0 ? 0 : Math.round(10f * passed / total) - m;
            return s.colors().green("█".repeat(m)) + s.colors().yellow("▓".repeat(Math.max(0, p))) + "░".repeat(Math.max(0, w - m - Math.max(0, p)));
        }
    }

    @Command(name = "lint", description = "Ask the coach: mistakes the exam punishes, in the policies as they are now.")
    static final class LintCmd extends ShellCommand {
        @Override
        protected void run() {
            Scenario sc = s.requireAttempt().scenario();
            if (!s.coach()) {
                throw new ShellError("the coach is off during a mock exam (start the exam with --coach to have it)");
            }
            var all = dev.netpollab.grade.Coach.lint(s.lab().snapshot(sc));
            var findings = dev.netpollab.grade.Coach.unaccepted(all, sc);
            for (var f : all) {
                if (!findings.contains(f)) {
                    s.out().println(s.colors().dim("accepted " + f.id() + "  " + (f.policy() == null ? "" : f.policy() + " ") + f.path()
                            + " — by design in this scenario: " + dev.netpollab.grade.Coach.reason(f, sc)));
                }
            }
            if (findings.isEmpty()) {
                s.out().println("The coach has nothing to say about these policies.");
                return;
            }
            for (var f : findings) {
                String sev = switch (f.severity()) {
                    case ERROR -> s.colors().red("error  ");
                    case WARNING -> s.colors().yellow("warning");
                    case INFO -> s.colors().dim("info   ");
                };
                s.out().println(sev + " " + s.colors().bold(f.id()) + "  " + (f.policy() == null ? "" : f.policy() + " ") + f.path());
                s.out().println("        " + f.meaning());
                s.out().println("        " + s.colors().dim("Fix: " + f.fix()));
            }
        }
    }

    @Command(name = "history", description = "Past exams and drill checks, scores over time, weakest topics.")
    static final class HistoryCmd extends ShellCommand {
        @Option(names = "--last", defaultValue = "10", description = "How many entries of each kind. Default: ${DEFAULT-VALUE}.")
        int last;

        @Override
        protected void run() {
            dev.netpollab.exam.HistoryView.render(dev.netpollab.exam.HistoryLog.open().read(), s.colors(), last).forEach(s.out()::println);
        }
    }

    @Command(name = "quit", aliases = "exit", description = "Leave the trainer (the lab is cleaned up).")
    static final class QuitCmd extends ShellCommand {
        @Override
        protected void run() {
            s.quit();
        }
    }

    /** Parses SRC and DST:PORT[/PROTO] into a probe, with the grammar of scenario files. */
    static final class ProbeArgs {
        private ProbeArgs() {
        }

        /** @param snap the lab, so that a destination may also be an IP: an external endpoint's, or a pod's */
        static Probe parse(String src, String dst, ClusterSnapshot snap) {
            if (!src.matches("[^/:]+/[^/:]+")) {
                throw new ShellError("the source is a pod: NAMESPACE/POD, not " + src);
            }
            int colon = dst.lastIndexOf(':');
            if (colon < 0 || colon == dst.length() - 1 || dst.startsWith("svc:") && colon == 3 || dst.startsWith("ext:") && colon == 3) {
                throw new ShellError("the destination needs a port: " + dst + ":PORT[/PROTO]");
            }
            String t = dst.substring(0, colon);
            String portPart = dst.substring(colon + 1);
            var protocol = dev.netpollab.policy.Protocol.TCP;
            int slash = portPart.indexOf('/');
            if (slash >= 0) {
                String proto = portPart.substring(slash + 1);
                protocol = dev.netpollab.policy.Protocol.parseLenient(proto).orElseThrow(() -> new ShellError("unknown protocol " + proto));
                portPart = portPart.substring(0, slash);
            }
            int port;
            try {
                port = Integer.parseInt(portPart);
            } catch (NumberFormatException e) {
                throw new ShellError("the port must be a number: " + portPart);
            }
            if (port < 1 || port > 65535) {
                // A probe to port 0 or 70000 cannot connect anywhere; it would read as "blocked" and prove nothing.
                throw new ShellError("port " + port + " is not between 1 and 65535");
            }
            Target target = Target.parse(t).or(() -> byIp(t, snap)).orElseThrow(() -> new ShellError("unknown destination " + t
                    + ": write NAMESPACE/POD, svc:NAMESPACE/NAME, ext:NAME or the IP of a pod or an external endpoint"
                    + (snap.externals().isEmpty() ? "" : " (" + snap.externals().stream().map(e -> "ext:" + e.name() + " is " + e.ip())
                    .collect(java.util.stream.Collectors.joining(", ")) + ")")));
            return new Probe(src, target, port, protocol);
        }

        /** An IP as the learner would curl it: an external endpoint of the world, or a pod. */
        private static java.util.Optional<Target> byIp(String ip, ClusterSnapshot snap) {
            if (dev.netpollab.policy.Cidr.parseAddress(ip).isEmpty()) {
                return java.util.Optional.empty();
            }
            java.util.Optional<Target> external = snap.externals().stream().filter(e -> ip.equals(e.ip()))
                    .<Target>map(e -> new Target.External(e.name())).findFirst();
            return external.or(() -> snap.pods().stream().filter(p -> p.getStatus() != null && ip.equals(p.getStatus().getPodIP()))
                    .<Target>map(p -> new Target.Pod(p.getMetadata().getNamespace(), p.getMetadata().getName())).findFirst());
        }
    }
}
