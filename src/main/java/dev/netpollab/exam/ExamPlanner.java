package dev.netpollab.exam;

import dev.netpollab.scenario.Difficulty;
import dev.netpollab.scenario.ExamSet;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.scenario.UserError;
import dev.netpollab.scenario.VariantRenderer;
import dev.netpollab.scenario.World;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;

/**
 * Builds a mock exam from an exam set or by a seeded, reproducible draw that spreads topics and
 * difficulty. Every task gets its own namespaces and, where the scenario allows it, its own variant.
 */
public final class ExamPlanner {
    public static final int DEFAULT_TASKS = 8;

    private ExamPlanner() {
    }

    public static ExamPlan fromSet(ScenarioLibrary lib, String setName, long seed, Integer minutes) {
        ExamSet set = lib.exam(setName).orElseThrow(() -> new UserError("unknown exam set \"" + setName + "\""
                + dev.netpollab.policy.Suggest.hint(setName, lib.exams().stream().map(ExamSet::name).toList())
                + "; sets: " + String.join(", ", lib.exams().stream().map(ExamSet::name).toList())));
        List<Scenario> scenarios = set.tasks().stream().map(t -> lib.require(t.scenario())).toList();
        List<Integer> weights = set.tasks().stream().map(ExamSet.Task::weight).toList();
        return plan(set.title(), set.name(), seed, minutes != null ? minutes : set.minutes(), set.passPercent(), scenarios, weights);
    }

    /**
     * A seeded random draw of n scenarios that keeps the spread of a real exam: difficulty near 30 % easy,
     * 45 % medium, 25 % hard (a scenario is drawn from a difficulty that still has room), and topics varied
     * (each candidate's chance grows with the topics it adds that earlier tasks did not cover). Every pick is a
     * weighted random choice, so different seeds give different exams; the same seed gives the same exam.
     */
    public static ExamPlan random(ScenarioLibrary lib, int n, Integer minutes, long seed) {
        if (n < 1 || n > lib.scenarios().size()) {
            throw new UserError("--tasks must be between 1 and " + lib.scenarios().size());
        }
        // SplittableRandom mixes its seed: java.util.Random's first draws for seeds 1, 2, 3... are nearly equal.
        SplittableRandom r = new SplittableRandom(seed);
        List<Scenario> pool = new ArrayList<>(lib.scenarios());
        Map<Difficulty, Integer> target = Map.of(Difficulty.EASY, Math.round(n * 0.30f), Difficulty.HARD, Math.round(n * 0.25f),
                Difficulty.MEDIUM, n - Math.round(n * 0.30f) - Math.round(n * 0.25f));
        Map<Difficulty, Integer> taken = new HashMap<>();
        Set<String> topics = new HashSet<>();
        Set<String> namespaces = new HashSet<>();
        List<Scenario> chosen = new ArrayList<>();
        while (chosen.size() < n && !pool.isEmpty()) {
            // Two tasks cannot both own namespace default (other namespaces are renamed apart).
            List<Scenario> candidates = pool.stream()
                    .filter(s -> !(s.world().namespace("default").isPresent() && namespaces.contains("default"))).toList();
            if (candidates.isEmpty()) {
                candidates = pool;
            }
            List<Scenario> withRoom = candidates.stream()
                    .filter(s -> target.getOrDefault(s.meta().difficulty(), 0) > taken.getOrDefault(s.meta().difficulty(), 0)).toList();
            if (!withRoom.isEmpty()) {
                candidates = withRoom;
            }
            double[] weights = new double[candidates.size()];
            double sum = 0;
            for (int i = 0; i < weights.length; i++) {
                long fresh = candidates.get(i).meta().topics().stream().filter(t -> !topics.contains(t)).count();
                weights[i] = (1 + fresh) * (1 + fresh);
                sum += weights[i];
            }
            double x = r.nextDouble() * sum;
            int pick = 0;
            while (pick < weights.length - 1 && x >= weights[pick]) {
                x -= weights[pick++];
            }
            Scenario best = candidates.get(pick);
            pool.remove(best);
            chosen.add(best);
            topics.addAll(best.meta().topics());
            taken.merge(best.meta().difficulty(), 1, Integer::sum);
            best.world().scenarioNamespaces().forEach(namespaces::add);
        }
        int total = chosen.stream().mapToInt(s -> s.meta().minutes()).sum();
        int m = minutes != null ? minutes : Math.max(20, (int) Math.ceil(total * 1.25 / 5) * 5);
        return plan("Mock exam: " + n + " random tasks (seed " + seed + ")", null, seed, m, 67, chosen,
                chosen.stream().map(s -> s.meta().minutes()).toList());
    }

    static ExamPlan plan(String title, String setName, long seed, int minutes, int passPercent, List<Scenario> scenarios, List<Integer> weights) {
        List<ExamTask> tasks = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < scenarios.size(); i++) {
            Scenario base = scenarios.get(i);
            long variant = base.variants().isEmpty() ? 0 : Math.floorMod(seed * 31 + i + 1, 1_000_000L) + 1;
            Map<String, String> renames = renamesFor(VariantRenderer.render(base, variant), used, i + 1);
            ExamTask t = task(base, variant, renames, weights.get(i));
            tasks.add(t);
            t.scenario().world().scenarioNamespaces().forEach(used::add);
        }
        return new ExamPlan(title, setName, seed, minutes, passPercent, tasks);
    }

    /** Rebuilds a task exactly: the same variant and the same renames give the same scenario. */
    public static ExamTask task(Scenario base, long variant, Map<String, String> renames, int weight) {
        Scenario s = VariantRenderer.renameNamespaces(VariantRenderer.render(base, variant), renames);
        return new ExamTask(s, base.id(), variant, renames, weight);
    }

    private static Map<String, String> renamesFor(Scenario s, Set<String> used, int taskNumber) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String ns : s.world().scenarioNamespaces()) {
            if (used.contains(ns) && !ns.equals("default") && !ns.equals(World.DNS_NAMESPACE)) {
                String candidate = ns + "-t" + taskNumber;
                out.put(ns, candidate);
            }
        }
        return out;
    }
}
