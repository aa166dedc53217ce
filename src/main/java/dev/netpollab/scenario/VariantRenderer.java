package dev.netpollab.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.HashSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a scenario variant: the names an author lets vary (namespaces, label values, ports) are
 * replaced by alternatives drawn from a seed, in the whole scenario text at once — task, world, broken
 * policies, expectations, solution and explanation — so the variant is consistent, and it is loaded and
 * checked exactly like a file.
 */
public final class VariantRenderer {
    private VariantRenderer() {
    }

    /** The same scenario, or its variant for this seed when it declares variants; 0 means "as written". */
    public static Scenario render(Scenario s, long seed) {
        if (seed == 0 || s.variants().isEmpty()) {
            return s;
        }
        Random r = new Random(seed);
        Map<String, String> map = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        s.world().namespaces().forEach(n -> taken.add(n.name()));
        pick(s.variants().namespaces(), r, taken, map);
        pick(s.variants().labelValues(), r, new HashSet<>(), map);
        pick(s.variants().ports(), r, new HashSet<>(), map);
        return rewrite(s, map, seed);
    }

    /** The scenario with namespaces renamed, e.g. so two exam tasks never share one. */
    public static Scenario renameNamespaces(Scenario s, Map<String, String> renames) {
        return renames.isEmpty() ? s : rewrite(s, renames, s.variant());
    }

    private static void pick(Map<String, List<String>> choices, Random r, Set<String> taken, Map<String, String> out) {
        for (var e : choices.entrySet()) {
            List<String> free = new ArrayList<>(e.getValue().stream().filter(a -> !taken.contains(a)).toList());
            if (free.isEmpty()) {
                continue;
            }
            String chosen = free.get(r.nextInt(free.size()));
            taken.add(chosen);
            if (!chosen.equals(e.getKey())) {
                out.put(e.getKey(), chosen);
            }
        }
    }

    private static Scenario rewrite(Scenario s, Map<String, String> map, long seed) {
        if (map.isEmpty()) {
            return s;
        }
        // One pass over the text so that a replacement is never replaced again (a -> b, b -> c). Names are whole
        // words (also in "catalog.shop") but not keys ("app: web", "app=web": a namespace called app is not the
        // label key app); numbers must not touch dots either, so 10.0.80.1 keeps its 80.
        List<String> keys = new ArrayList<>(map.keySet());
        keys.sort((a, b) -> b.length() - a.length());
        String names = String.join("|", keys.stream().filter(k -> !k.chars().allMatch(Character::isDigit)).map(Pattern::quote).toList());
        String numbers = String.join("|", keys.stream().filter(k -> k.chars().allMatch(Character::isDigit)).map(Pattern::quote).toList());
        List<String> alternatives = new ArrayList<>();
        if (!names.isEmpty()) {
            alternatives.add("(?<![\\w-])(?:" + names + ")(?![\\w]|:\\s|=)");
        }
        if (!numbers.isEmpty()) {
            alternatives.add("(?<![\\w.-])(?:" + numbers + ")(?![\\w.])");
        }
        Matcher m = Pattern.compile(String.join("|", alternatives)).matcher(s.text());
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(map.get(m.group())));
        }
        m.appendTail(b);
        List<YamlProblem> problems = new ArrayList<>();
        List<LocatedYaml.Document> docs;
        try {
            docs = LocatedYaml.parse(s.source(), b.toString());
        } catch (InvalidInputException e) {
            throw new IllegalStateException("variant " + seed + " of " + s.id() + " is not valid YAML: " + e.getMessage());
        }
        Optional<Scenario> out = ScenarioReader.read(s.source() + " (variant " + seed + ")", b.toString(), docs.get(0), problems, false);
        if (out.isEmpty()) {
            throw new IllegalStateException("variant " + seed + " of " + s.id() + " does not load: " + problems);
        }
        Scenario v = out.get();
        return new Scenario(s.source(), v.text(), v.meta(), v.task(), v.world(), v.broken(), v.brokenPolicies(), v.expect(), v.checks(), v.rules(),
                v.hints(), v.solution(), v.solutionPolicies(), v.explanation(), v.cniNotes(), v.acceptLint(), v.acceptMutants(), s.variants(), seed);
    }
}
