package dev.netpollab.shell;

import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.World;
import dev.netpollab.scenario.WorldExternal;
import dev.netpollab.scenario.WorldPod;
import dev.netpollab.scenario.WorldService;
import dev.netpollab.shell.kubectl.KubectlExplain;
import dev.netpollab.shell.kubectl.ResourceType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Tab completion that knows the shell: commands, scenario ids after {@code start}, and for the kubectl built-ins
 * their flags, resource types, object names, namespaces after {@code -n}, label keys and values after {@code -l},
 * output formats after {@code -o}, pods and tools for {@code exec}, images for {@code run}, field paths for
 * {@code explain}, file paths after {@code -f}; pods and targets for {@code probe} and {@code explain}. Names come
 * from the lab's API once it is up (so a learner's own objects are there too), from the scenario while it starts,
 * so completion never waits for the lab.
 */
final class ShellCompleter implements Completer {
    private static final Set<String> TYPED = Set.of("get", "describe", "delete", "edit", "label");
    private static final List<String> OUTPUTS = List.of("json", "yaml", "wide", "name", "jsonpath=", "custom-columns=");
    private static final List<String> TOOLS = List.of("curl", "wget", "nc", "nslookup", "dig", "sh");
    private static final List<String> IMAGES = List.of("--image=busybox", "--image=curlimages/curl", "--image=nicolaka/netshoot",
            "--image=registry.k8s.io/e2e-test-images/agnhost:2.53");
    private final Session session;
    private final ShellCommands commands;
    private final Completer files = new Completers.FileNameCompleter();

    ShellCompleter(Session session, ShellCommands commands) {
        this.session = session;
        this.commands = commands;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = new ArrayList<>(line.words().subList(0, line.wordIndex()));
        String current = line.word() == null ? "" : line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        boolean kubectl = !words.isEmpty() && (words.get(0).equals("kubectl") || words.get(0).equals("k"));
        if (kubectl) {
            words.remove(0);
            dropGlobalNamespace(words);
            if (words.isEmpty()) {
                add(candidates, current.startsWith("-") ? List.of("-n", "--namespace") : ShellCommands.kubectlVerbs());
                return;
            }
        }
        if (words.isEmpty()) {
            add(candidates, with(commands.commandNames(), ShellUtilities.NAMES));
            return;
        }
        String cmd = words.get(0);
        String prev = words.get(words.size() - 1);
        // Files: after -f, after a redirection, and as the arguments of cat and the editors (`vim x.yaml`).
        if (prev.equals("-f") || prev.equals("--filename") || prev.equals(">") || prev.equals(">>")
                || List.of("cat", "vi", "vim", "nano").contains(cmd)) {
            files.complete(reader, line, candidates);
            return;
        }
        if (prev.equals("-n") || prev.equals("--namespace")) {
            add(candidates, namespaces());
            return;
        }
        if (prev.equals("-o") || prev.equals("--output")) {
            add(candidates, OUTPUTS);
            return;
        }
        if (prev.equals("-l") || prev.equals("--selector") || prev.equals("--labels")) {
            add(candidates, labelPairs(namespaceOf(line.words())));
            return;
        }
        boolean kubectlVerb = kubectl || ShellCommands.kubectlVerbs().contains(cmd) && !cmd.equals("explain");
        if (current.startsWith("-") && kubectlVerb && !words.contains("--")) {
            add(candidates, cmd.equals("run") ? with(commands.optionNames(cmd), IMAGES) : commands.optionNames(cmd));
            return;
        }
        switch (cmd) {
            case "start" -> add(candidates, session.library().scenarios().stream().map(Scenario::id).toList());
            case "help" -> add(candidates, commands.commandNames());
            case "probe" -> probeArgs(words, candidates);
            case "explain" -> {
                if (kubectl || positional(words).size() == 1 && !current.contains("/")) {
                    add(candidates, KubectlExplain.paths());
                }
                if (!kubectl) {
                    probeArgs(words, candidates);
                }
            }
            case "apply", "create" -> add(candidates, List.of("-f", "-n"));
            case "exec" -> exec(words, line.words(), candidates);
            case "run" -> add(candidates, IMAGES);
            default -> {
                if (TYPED.contains(cmd)) {
                    List<String> pos = positional(words);
                    if (pos.size() == 1) {
                        add(candidates, cmd.equals("label") ? List.of("ns", "pod", "svc", "netpol") : ResourceType.allNames());
                    } else if (pos.size() == 2) {
                        add(candidates, names(pos.get(1), namespaceOf(line.words())));
                    }
                }
            }
        }
    }

    private void probeArgs(List<String> words, List<Candidate> candidates) {
        if (words.size() == 1) {
            add(candidates, pods());
        } else if (words.size() == 2) {
            add(candidates, targets());
        }
    }

    /** exec POD -- TOOL TARGET: pods of the namespace, then the tools, then what they can reach by name. */
    private void exec(List<String> words, List<String> line, List<Candidate> candidates) {
        String ns = namespaceOf(line);
        int dashes = words.indexOf("--");
        if (dashes < 0) {
            if (positional(words).size() == 1) {
                add(candidates, names("pods", ns));
            }
            return;
        }
        if (words.size() == dashes + 1) {
            add(candidates, TOOLS);
            return;
        }
        add(candidates, reachable(ns));
    }

    /** Words that are not flags or their values. */
    private static List<String> positional(List<String> words) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.startsWith("-")) {
                if (List.of("-n", "--namespace", "-o", "--output", "-l", "--selector", "-f", "--filename", "-c", "--container").contains(w)) {
                    i++;
                }
                continue;
            }
            out.add(w);
        }
        return out;
    }

    private static void dropGlobalNamespace(List<String> words) {
        while (words.size() >= 2 && (words.get(0).equals("-n") || words.get(0).equals("--namespace"))) {
            words.remove(0);
            words.remove(0);
        }
    }

    /** The namespace the line names with -n/--namespace, else the shell's default. */
    private String namespaceOf(List<String> line) {
        for (int i = 0; i < line.size(); i++) {
            String w = line.get(i);
            if ((w.equals("-n") || w.equals("--namespace")) && i + 1 < line.size() && !line.get(i + 1).isEmpty()) {
                return line.get(i + 1);
            }
            if (w.startsWith("--namespace=")) {
                return w.substring("--namespace=".length());
            }
        }
        return session.defaultNamespace();
    }

    private static void add(List<Candidate> out, Collection<String> values) {
        values.forEach(v -> out.add(new Candidate(v, v, null, null, null, null, !v.endsWith("="))));
    }

    private static List<String> with(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** Objects from the lab's API when it is up; null when it is not (the scenario answers then). */
    private List<? extends HasMetadata> live(ResourceType t, String ns) {
        if (!session.labHandle().ready()) {
            return null;
        }
        try {
            return t.list(session.lab().client(), t.namespaced() ? ns : null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private List<String> namespaces() {
        var live = live(ResourceType.NAMESPACE, null);
        if (live != null) {
            return live.stream().map(o -> o.getMetadata().getName()).sorted().toList();
        }
        return session.scenario().map(s -> s.world().namespaces().stream().map(n -> n.name()).toList()).orElse(List.of("default"));
    }

    /** {@code key=value} for every label of the namespace's pods, so Tab completes a whole selector term. */
    private List<String> labelPairs(String ns) {
        Set<String> out = new TreeSet<>();
        var live = live(ResourceType.POD, ns);
        List<Map<String, String>> labels = new ArrayList<>();
        if (live != null) {
            live.forEach(p -> labels.add(p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels()));
        } else {
            session.scenario().ifPresent(s -> s.world().podsIn(ns).forEach(p -> labels.add(p.labels())));
        }
        labels.forEach(m -> m.forEach((k, v) -> out.add(k + "=" + v)));
        return List.copyOf(out);
    }

    private List<String> pods() {
        return session.scenario().map(s -> s.world().pods().stream().filter(p -> !World.isImplicitDns(p)).map(WorldPod::id).toList())
                .orElse(List.of());
    }

    /** Targets with their declared ports, so Tab gives a complete DST:PORT. */
    private List<String> targets() {
        if (session.scenario().isEmpty()) {
            return List.of();
        }
        World w = session.scenario().get().world();
        List<String> out = new ArrayList<>();
        for (WorldPod p : w.pods()) {
            p.ports().forEach(port -> out.add(p.id() + ":" + port.port() + (port.protocol().name().equals("TCP") ? "" : "/" + port.protocol())));
        }
        for (WorldService s : w.services()) {
            s.ports().forEach(port -> out.add("svc:" + s.id() + ":" + port.port()));
        }
        for (WorldExternal e : w.externals()) {
            e.ports().forEach(port -> out.add("ext:" + e.name() + ":" + port));
        }
        return out;
    }

    /** Service names as a pod of the namespace reaches them (NAME here, NAME.NS elsewhere), and the world's outside hosts. */
    private List<String> reachable(String ns) {
        Set<String> out = new TreeSet<>();
        var live = live(ResourceType.SERVICE, null);
        if (live != null) {
            live.forEach(s -> out.add(s.getMetadata().getNamespace().equals(ns) ? s.getMetadata().getName()
                    : s.getMetadata().getName() + "." + s.getMetadata().getNamespace()));
        }
        session.scenario().ifPresent(sc -> sc.world().externals().forEach(e -> out.add(e.ip())));
        return List.copyOf(out);
    }

    private List<String> names(String type, String ns) {
        try {
            ResourceType t = ResourceType.parse(type.contains("/") ? type.substring(0, type.indexOf('/')) : type);
            var live = live(t, ns);
            if (live != null) {
                return live.stream().map(o -> o.getMetadata().getName()).distinct().sorted().toList();
            }
            if (session.scenario().isEmpty()) {
                return List.of();
            }
            World w = session.scenario().get().world();
            return switch (t) {
                case NAMESPACE -> namespaces();
                case POD -> w.podsIn(ns).stream().map(WorldPod::name).distinct().toList();
                case SERVICE, ENDPOINTS -> w.services().stream().filter(s -> s.namespace().equals(ns)).map(WorldService::name).distinct().toList();
                default -> List.of();
            };
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
