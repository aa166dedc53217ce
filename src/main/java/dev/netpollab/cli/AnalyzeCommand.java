package dev.netpollab.cli;

import dev.netpollab.grade.Colors;
import dev.netpollab.grade.MatrixRenderer;
import dev.netpollab.grade.TextTable;
import dev.netpollab.grade.VerdictExplainer;
import dev.netpollab.policy.ContainerPortInfo;
import dev.netpollab.policy.PodInfo;
import dev.netpollab.policy.PolicyEngine;
import dev.netpollab.policy.PolicyId;
import dev.netpollab.policy.Verdict;
import dev.netpollab.scenario.InvalidInputException;
import dev.netpollab.scenario.Manifests;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.UserError;
import dev.netpollab.grade.Coach;
import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.lab.OfflineCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import dev.netpollab.policy.lint.Finding;
import dev.netpollab.policy.lint.LintContext;
import dev.netpollab.policy.lint.Linter;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

// A synopsis by hand: the generated one lists --explain as repeatable, and reads two ways of giving the input as one.
@Command(name = "analyze", sortOptions = false,
        customSynopsis = {"netpol-lab analyze [OPTIONS] PATH...",
                "       netpol-lab analyze [OPTIONS] --scenario ID [--state=STATE]",
                "       netpol-lab analyze --explain SRC DST:PORT[/PROTO] (PATH... | --scenario ID)"},
        description = {"Compute which connections a set of manifests, or a scenario, allows, without a cluster.",
                "PATH: YAML files or directories (searched recursively). Namespaces, Pods, Services, NetworkPolicies and workloads "
                        + "are read (a workload's pod template stands for one pod named after the workload); other objects are skipped "
                        + "with a warning. The same object twice, or input with none of these, is an error.",
                "--scenario ID: the scenario's world with its broken policies, or with its reference solution (--state solution)."},
        footer = {"", "Examples:", "  netpol-lab analyze k8s/ --format json", "  netpol-lab analyze k8s/ --explain shop/web shop/db:5432/TCP",
                "  netpol-lab analyze --scenario default-deny-scope --state solution --format matrix",
                "", "Exit status: 0 on success, 2 on invalid input."})
public class AnalyzeCommand implements Callable<Integer> {
    enum Format { table, json, matrix }

    enum State { broken, solution }

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Manifest files or directories.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--scenario", paramLabel = "ID", description = "Analyze a scenario of the library instead of files (see `netpol-lab list`).")
    String scenarioId;

    @Option(names = "--state", paramLabel = "STATE", defaultValue = "broken",
            description = "With --scenario: broken (the policies as the learner finds them) or solution. Default: ${DEFAULT-VALUE}.")
    State state;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table (human report), json (every pod-to-pod connection), matrix (grid). Default: ${DEFAULT-VALUE}.")
    Format format;

    // Two values under one label: picocli would otherwise print the label once per value.
    @Option(names = "--explain", arity = "2", paramLabel = "SRC DST:PORT[/PROTO]", hideParamSyntax = true,
            description = "Explain one connection rule by rule instead, e.g. --explain shop/web shop/db:5432/TCP.")
    List<String> explain;

    @Option(names = "--lint", description = "Ask the coach instead: the mistakes the exam punishes (text, or --format json).")
    boolean lint;

    @Option(names = "--stats", hidden = true, description = "Print sizes, time and peak heap to stderr (make bench).")
    boolean stats;

    /** --format json streams its output; table and matrix hold every row to align the columns. */
    static final long MAX_JSON_CONNECTIONS = 50_000_000L;
    static final long MAX_LISTED_CONNECTIONS = 1_000_000L;

    @Mixin
    LibraryOptions library;

    @Mixin
    ColorOption color;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InvalidInputException {
        long t0 = System.nanoTime();
        if (scenarioId != null && !paths.isEmpty()) {
            throw new UserError("give PATH or --scenario ID, not both");
        }
        if (scenarioId == null && paths.isEmpty()) {
            throw new UserError("analyze needs PATH (manifest files or directories) or --scenario ID");
        }
        if (explain != null && explain.size() > 2) {
            throw new UserError("--explain takes one connection (SRC DST:PORT[/PROTO]); give it once");
        }
        Scenario scenario = scenarioId == null ? null : Library.load(library, spec.commandLine().getErr()).require(scenarioId);
        PolicyEngine engine;
        LintContext lintContext;
        if (scenario != null) {
            ClusterSnapshot snap = OfflineCluster.snapshot(scenario, state == State.solution ? scenario.solutionPolicies() : scenario.brokenPolicies());
            engine = PolicyEngine.compile(snap.topology(), snap.policies());
            lintContext = new LintContext(snap.topology(), snap.policies(), snap.services());
        } else {
            Manifests manifests = Manifests.read(paths);
            manifests.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
            engine = manifests.engine();
            lintContext = new LintContext(manifests.topology(), manifests.policies(), manifests.services());
        }
        long t1 = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        Colors colors = Colors.detect(color.noColor);
        if (lint) {
            lint(lintContext, scenario, out);
            out.flush();
            return 0;
        }
        if (explain != null) {
            PodInfo src = EndpointArgs.pod(engine.topology(), explain.get(0));
            EndpointArgs.Target dst = EndpointArgs.target(engine.topology(), explain.get(1));
            VerdictExplainer.explain(engine.evaluate(src, dst.pod(), dst.port(), dst.protocol())).forEach(out::println);
            out.flush();
            return 0;
        }
        long count = engine.podConnectionCount();
        long limit = format == Format.json ? MAX_JSON_CONNECTIONS : MAX_LISTED_CONNECTIONS;
        if (count > limit) {
            throw new UserError(String.format("%,d pods give %,d connections to list, over the limit of %,d for --format %s "
                    + "(see Limits in the README); analyze part of the input, or ask about one connection with --explain%s",
                    engine.topology().pods().size(), count, limit, format, format == Format.json ? "" : ", or use --format json"));
        }
        long connections = switch (format) {
            case json -> json(engine, out);
            case matrix -> {
                MatrixRenderer.render(engine, engine.topology().pods(), colors).forEach(out::println);
                yield -1;
            }
            case table -> table(engine, out, colors);
        };
        out.flush();
        if (stats) {
            long peak = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            spec.commandLine().getErr().printf("pods: %d, namespaces: %d, policies: %d, connections evaluated: %d%n"
                            + "read+parse: %d ms, compile+evaluate+write: %d ms, peak heap: %d MiB (sum of pool peaks)%n",
                    engine.topology().pods().size(), engine.topology().namespaces().size(), engine.policies().size(), connections,
                    (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000, peak >> 20);
        }
        return 0;
    }

    private void lint(LintContext ctx, Scenario scenario, PrintWriter out) {
        List<Finding> all = Linter.lint(ctx);
        // A scenario's accepted findings are by design: listed as such, never counted as warnings.
        List<Finding> findings = scenario == null ? all : Coach.unaccepted(all, scenario);
        List<Finding> accepted = all.stream().filter(f -> !findings.contains(f)).toList();
        if (format == Format.json) {
            JsonMapper json = JsonMapper.builder().build();
            ObjectNode root = json.createObjectNode();
            ArrayNode arr = root.putArray("findings");
            for (Finding f : findings) {
                ObjectNode o = arr.addObject();
                o.put("id", f.id());
                o.put("severity", f.severity().label());
                o.put("policy", f.policy() == null ? null : f.policy().toString());
                o.put("path", f.path());
                o.put("message", f.meaning());
                o.put("fix", f.fix());
            }
            out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            return;
        }
        for (Finding f : accepted) {
            out.println("accepted " + f.id() + "  " + (f.policy() == null ? "" : f.policy() + " ") + f.path() + " — by design in this scenario: "
                    + Coach.reason(f, scenario));
        }
        if (findings.isEmpty()) {
            out.println("The coach has nothing to say about these policies.");
            return;
        }
        for (Finding f : findings) {
            out.println(f.severity().label() + " " + f.id() + "  " + (f.policy() == null ? "" : f.policy() + " ") + f.path());
            out.println("    " + f.meaning());
            out.println("    Fix: " + f.fix());
        }
        String summary = Linter.summary(findings);
        out.println();
        out.println(summary.isEmpty() ? findings.size() + " note(s)" : summary);
    }

    /**
     * The stable contract: {"connections":[{"src","dst","port","protocol","allowed"}...]}, one connection per line.
     * A million-line output is written from a fixed template with each pod's id quoted once by Jackson's
     * string encoder, rather than through a generator call per token.
     */
    static long json(PolicyEngine engine, PrintWriter out) {
        JsonStringEncoder enc = JsonStringEncoder.getInstance();
        java.util.Map<PodInfo, String> quoted = new java.util.IdentityHashMap<>();
        for (PodInfo p : engine.topology().pods()) {
            StringBuilder q = new StringBuilder();
            enc.quoteAsString(p.id(), q);
            quoted.put(p, q.toString());
        }
        StringBuilder line = new StringBuilder(128);
        boolean[] first = {true};
        out.write("{\"connections\":[");
        long n = engine.forEachPodConnection((src, dst, port, protocol, allowed) -> {
            line.setLength(0);
            line.append(first[0] ? "\n" : ",\n").append("{\"src\":\"").append(quoted.get(src))
                    .append("\",\"dst\":\"").append(quoted.get(dst)).append("\",\"port\":").append(port)
                    .append(",\"protocol\":\"").append(protocol.name()).append("\",\"allowed\":").append(allowed).append('}');
            out.append(line);
            first[0] = false;
        });
        out.write(n == 0 ? "]}\n" : "\n]}\n");
        return n;
    }

    private static long table(PolicyEngine engine, PrintWriter out, Colors colors) {
        List<PodInfo> pods = engine.topology().pods();
        TextTable policies = new TextTable("POLICY", "TYPES", "SELECTS");
        for (var np : engine.policies()) {
            PolicyId id = new PolicyId(np.getMetadata().getNamespace(), np.getMetadata().getName());
            List<PodInfo> selected = engine.selectedPods(id);
            policies.row(id, engine.types(id).stream().map(d -> d.policyType()).collect(Collectors.joining(",")),
                    selected.isEmpty() ? "(no pods)" : selected.stream().map(PodInfo::id).collect(Collectors.joining(", ")));
        }
        TextTable conns = new TextTable("FROM", "TO", "PORT", "RESULT", "WHY");
        long[] counts = new long[2];
        List<PodInfo> destinations = pods.stream().filter(p -> !PolicyEngine.distinctPorts(p).isEmpty()).toList();
        for (PodInfo src : pods) {
            for (PodInfo dst : destinations) {
                if (src == dst) {
                    continue;
                }
                for (ContainerPortInfo p : PolicyEngine.distinctPorts(dst)) {
                    Verdict v = engine.evaluate(src, dst, p.port(), p.protocol());
                    counts[v.allowed() ? 0 : 1]++;
                    String reason = VerdictExplainer.reason(v);
                    conns.row(src.id(), dst.id(), p.port() + "/" + p.protocol(),
                            v.allowed() ? colors.green("allowed") : colors.red("blocked"),
                            reason.substring(reason.indexOf(':') + 2));
                }
            }
        }
        out.printf("%d namespaces, %d pods, %d policies, %d connections: %d allowed, %d blocked%n%n",
                engine.topology().namespaces().size(), pods.size(), engine.policies().size(), counts[0] + counts[1], counts[0], counts[1]);
        if (!policies.isEmpty()) {
            policies.lines().forEach(out::println);
            out.println();
        }
        conns.lines().forEach(out::println);
        return counts[0] + counts[1];
    }
}
