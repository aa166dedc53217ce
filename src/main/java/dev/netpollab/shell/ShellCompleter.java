package dev.netpollab.shell;

import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.World;
import dev.netpollab.scenario.WorldExternal;
import dev.netpollab.scenario.WorldPod;
import dev.netpollab.scenario.WorldService;
import dev.netpollab.shell.kubectl.ResourceType;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tab completion that knows the shell: commands, scenario ids after {@code start}, resource types and
 * names for the kubectl built-ins, namespaces after {@code -n}, file paths after {@code -f}, pods and
 * targets for {@code probe} and {@code explain}. Names come from the current scenario, so completion
 * never waits for the lab.
 */
final class ShellCompleter implements Completer {
    private static final Set<String> TYPED = Set.of("get", "describe", "delete", "edit", "label");
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
        if (!words.isEmpty() && (words.get(0).equals("kubectl") || words.get(0).equals("k"))) {
            words.remove(0);
            if (words.isEmpty()) {
                add(candidates, ShellCommands.kubectlVerbs());
                return;
            }
        }
        if (words.isEmpty()) {
            add(candidates, commands.commandNames());
            return;
        }
        String cmd = words.get(0);
        String prev = words.get(words.size() - 1);
        if (prev.equals("-f") || prev.equals("--filename")) {
            files.complete(reader, line, candidates);
            return;
        }
        if (prev.equals("-n") || prev.equals("--namespace")) {
            add(candidates, namespaces());
            return;
        }
        switch (cmd) {
            case "start" -> add(candidates, session.library().scenarios().stream().map(Scenario::id).toList());
            case "help" -> add(candidates, commands.commandNames());
            case "probe", "explain" -> {
                if (words.size() == 1) {
                    add(candidates, pods());
                } else if (words.size() == 2) {
                    add(candidates, targets());
                }
            }
            case "apply", "create" -> add(candidates, List.of("-f", "-n"));
            default -> {
                if (TYPED.contains(cmd)) {
                    if (words.size() == 1) {
                        add(candidates, cmd.equals("label") ? List.of("ns", "pod") : ResourceType.allNames());
                    } else if (words.size() == 2) {
                        add(candidates, names(words.get(1)));
                    }
                }
            }
        }
    }

    private static void add(List<Candidate> out, List<String> values) {
        values.forEach(v -> out.add(new Candidate(v)));
    }

    private List<String> namespaces() {
        return session.scenario().map(s -> s.world().namespaces().stream().map(n -> n.name()).toList()).orElse(List.of("default"));
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

    private List<String> names(String type) {
        if (session.scenario().isEmpty()) {
            return List.of();
        }
        Scenario s = session.scenario().get();
        try {
            return switch (ResourceType.parse(type)) {
                case NAMESPACE -> namespaces();
                case POD -> s.world().pods().stream().map(WorldPod::name).distinct().toList();
                case SERVICE -> s.world().services().stream().map(WorldService::name).distinct().toList();
                case NETWORKPOLICY -> {
                    if (!session.labHandle().ready()) {
                        yield List.of();
                    }
                    yield session.lab().snapshot(s).policies().stream().map(np -> np.getMetadata().getName()).distinct().toList();
                }
                default -> List.of();
            };
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
