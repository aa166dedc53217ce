package dev.netpollab.workshop;

import dev.netpollab.policy.Suggest;
import dev.netpollab.scenario.ExamSet;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.scenario.UserError;
import dev.netpollab.scenario.VariantRenderer;
import dev.netpollab.scenario.World;
import dev.netpollab.scenario.YamlProblem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every seat of a workshop gets: the tasks in order, each a scenario file's text (the text travels to
 * the learners, so an instructor's own scenarios work on every machine), its weight, and namespace renames so
 * that two tasks never share a namespace; and the time. The plan is stored with the workshop, so a restarted
 * server carries on with exactly these tasks whatever its library holds then.
 */
public record WorkshopPlan(String title, int minutes, List<Task> tasks) {
    public static final int MAX_TASKS = 30;

    /**
     * @param source  where the scenario came from (file or builtin:…), cited by problems
     * @param renames namespace renames applied to the scenario as written
     */
    public record Task(String scenarioId, int weight, String source, String text, Map<String, String> renames) {
        public Task {
            renames = Map.copyOf(renames);
        }
    }

    public WorkshopPlan {
        tasks = List.copyOf(tasks);
    }

    /** The tasks of an exam set (scenarios/exams), with its weights and time unless minutes are given. */
    public static WorkshopPlan fromSet(ScenarioLibrary lib, String name, Integer minutes) {
        ExamSet set = lib.exam(name).orElseThrow(() -> new UserError("unknown exam set \"" + name + "\""
                + Suggest.hint(name, lib.exams().stream().map(ExamSet::name).toList())
                + "; sets: " + String.join(", ", lib.exams().stream().map(ExamSet::name).toList())));
        List<Scenario> scenarios = set.tasks().stream().map(t -> lib.require(t.scenario())).toList();
        return build(set.title(), minutes != null ? minutes : set.minutes(), scenarios, set.tasks().stream().map(ExamSet.Task::weight).toList());
    }

    /**
     * Tasks named one by one. Each item is a scenario id, or a scenario file or directory (every scenario in
     * it, in file order), so an instructor's own scenarios need no other flag. Weights are the suggested minutes.
     */
    public static WorkshopPlan fromItems(ScenarioLibrary lib, List<String> items, Integer minutes) {
        List<Scenario> scenarios = new ArrayList<>();
        for (String item : items) {
            String it = item.strip();
            if (it.isEmpty()) {
                continue;
            }
            if (isPath(it)) {
                ScenarioLibrary own = ScenarioLibrary.loadPaths(List.of(Path.of(it)));
                if (!own.problems().isEmpty()) {
                    throw new UserError("cannot use " + it + ": " + own.problems().stream().map(YamlProblem::toString)
                            .reduce((a, b) -> a + "; " + b).orElse(""));
                }
                if (own.scenarios().isEmpty()) {
                    throw new UserError(it + " holds no scenario (kind: Scenario)");
                }
                scenarios.addAll(own.scenarios());
            } else {
                scenarios.add(lib.require(it));
            }
        }
        if (scenarios.isEmpty()) {
            throw new UserError("--scenarios names no scenario");
        }
        int total = scenarios.stream().mapToInt(s -> s.meta().minutes()).sum();
        int m = minutes != null ? minutes : Math.max(20, (int) Math.ceil(total * 1.25 / 5) * 5);
        String title = scenarios.size() == 1 ? "Workshop: " + scenarios.get(0).title() : "Workshop: " + scenarios.size() + " tasks";
        return build(title, m, scenarios, scenarios.stream().map(s -> s.meta().minutes()).toList());
    }

    /** A scenario id is kebab-case; anything with a slash, a dot or that exists on disk is a path. */
    private static boolean isPath(String item) {
        return item.contains("/") || item.contains(".") || item.contains("\\") || Files.exists(Path.of(item));
    }

    static WorkshopPlan build(String title, int minutes, List<Scenario> scenarios, List<Integer> weights) {
        if (minutes < 1 || minutes > 24 * 60) {
            throw new UserError("--minutes must be between 1 and " + 24 * 60);
        }
        if (scenarios.size() > MAX_TASKS) {
            throw new UserError("a workshop has at most " + MAX_TASKS + " tasks, not " + scenarios.size());
        }
        Set<String> ids = new HashSet<>();
        Set<String> used = new HashSet<>();
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario s = scenarios.get(i);
            if (!ids.add(s.id())) {
                throw new UserError("scenario " + s.id() + " is named twice; a workshop hands out each task once");
            }
            Map<String, String> renames = new LinkedHashMap<>();
            for (String ns : s.world().scenarioNamespaces()) {
                if (!used.add(ns) && !ns.equals("default") && !ns.equals(World.DNS_NAMESPACE)) {
                    renames.put(ns, ns + "-w" + (i + 1));
                    used.add(ns + "-w" + (i + 1));
                }
            }
            tasks.add(new Task(s.id(), Math.max(1, weights.get(i)), s.source(), s.text(), renames));
        }
        return new WorkshopPlan(title, minutes, tasks);
    }

    /**
     * Every task's scenario, loaded from its text exactly as a file would be, with its renames applied.
     *
     * @throws UserError when a text does not load (a file that does not belong to this version of netpol-lab)
     */
    public List<Scenario> scenarios() {
        List<Scenario> out = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            int number = i + 1;
            Map<String, String> texts = new LinkedHashMap<>();
            texts.put(t.source(), t.text());
            ScenarioLibrary one = ScenarioLibrary.fromTexts(texts);
            Scenario s = one.find(t.scenarioId()).orElseThrow(() -> new UserError("task " + number + " (" + t.scenarioId()
                    + ") does not load here: " + one.problems().stream().map(YamlProblem::toString).reduce((a, b) -> a + "; " + b)
                    .orElse("its file holds no such scenario")));
            out.add(VariantRenderer.renameNamespaces(s, t.renames()));
        }
        return out;
    }
}
