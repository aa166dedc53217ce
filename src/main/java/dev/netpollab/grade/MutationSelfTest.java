package dev.netpollab.grade;

import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.lab.OfflineCluster;
import dev.netpollab.policy.PodInfo;
import dev.netpollab.policy.Protocol;
import dev.netpollab.policy.Suggest;
import dev.netpollab.probe.ModelProber;
import dev.netpollab.scenario.AcceptedMutant;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.World;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Proves that a scenario's grading tells right repairs from wrong ones. Every mutant of the reference solution
 * (see {@link Mutator}) is graded like a learner's attempt. A mutant is <em>wrong</em> when it changes any verdict
 * of the world's full matrix (see {@link ReachMatrix}) or, for a deleted, renamed or left-over policy, when the
 * task names that policy; deleting a policy that the solution keeps as the broken state had it is always wrong. A wrong mutant must fail at least one expectation or object check; one that passes
 * every row <em>survives</em>, and for it the test proposes what would catch it: a probe where mutant and
 * solution differ on a port the world serves, else the decoy port or address that would show the difference,
 * else the object check that holds the name.
 */
public final class MutationSelfTest {
    private MutationSelfTest() {
    }

    public enum Fate {
        /** Fails at least one row: the grading catches it. */
        KILLED,
        /** Changes no verdict and no name the task uses: a right repair written differently. */
        EQUIVALENT,
        /** Wrong, yet passes every row. */
        SURVIVED,
        /** Survives, and the scenario accepts it with a reason. */
        ACCEPTED
    }

    /** @param proposal for a survivor: what would catch it, in words, with the YAML to add */
    public record Outcome(Mutant mutant, Fate fate, String proposal) {
    }

    /** @param failures survivors not accepted, and accepts that name no survivor */
    public record Result(List<Outcome> outcomes, List<String> failures) {
        public long count(Fate fate) {
            return outcomes.stream().filter(o -> o.fate() == fate).count();
        }
    }

    public static Result run(Scenario s) {
        List<Outcome> outcomes = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        if (s.solutionPolicies().isEmpty() && s.brokenPolicies().isEmpty()) {
            return new Result(outcomes, failures);
        }
        List<Mutant> mutants = Mutator.mutants(s);
        ClusterSnapshot world = OfflineCluster.snapshot(s, s.solutionPolicies());
        List<List<NetworkPolicy>> sets = new ArrayList<>();
        sets.add(s.solutionPolicies());
        sets.add(s.brokenPolicies());
        mutants.forEach(m -> sets.add(m.policies()));
        ReachMatrix matrix = ReachMatrix.of(world, sets);
        boolean[] solution = matrix.verdicts(counted(s, s.solutionPolicies()));
        Grader grader = new Grader();
        ModelProber model = new ModelProber();
        for (Mutant m : mutants) {
            Grade g = grader.grade(s, world.replacePolicies(m.policies()), model);
            if (g.met() < g.total()) {
                outcomes.add(new Outcome(m, Fate.KILLED, ""));
                continue;
            }
            List<Integer> diff = ReachMatrix.differences(solution, matrix.verdicts(counted(s, m.policies())));
            boolean named = m.nameMatters() && (mentions(s.task(), m.policy().substring(m.policy().indexOf('/') + 1))
                    || m.operator().equals("delete-policy") && keptAsIs(s, m.policy()));
            if (diff.isEmpty() && !named) {
                outcomes.add(new Outcome(m, Fate.EQUIVALENT, ""));
                continue;
            }
            String proposal = diff.isEmpty() ? nameProposal(s, m) : probeProposal(matrix, diff, solution);
            boolean accepted = s.acceptMutants().stream().anyMatch(a -> a.mutant().equals(m.id()));
            outcomes.add(new Outcome(m, accepted ? Fate.ACCEPTED : Fate.SURVIVED, proposal));
            if (!accepted) {
                failures.add("mutant survives: " + m.id() + " — " + m.description() + "\n  " + proposal
                        + "\n  (or accept it: acceptMutants: - {mutant: \"" + m.id() + "\", reason: \"...\"})");
            }
        }
        for (AcceptedMutant a : s.acceptMutants()) {
            Optional<Outcome> o = outcomes.stream().filter(x -> x.mutant().id().equals(a.mutant())).findFirst();
            if (o.isEmpty()) {
                failures.add("acceptMutants names \"" + a.mutant() + "\", which is not a mutant of the solution"
                        + Suggest.hint(a.mutant(), outcomes.stream().map(x -> x.mutant().id()).toList()));
            } else if (o.get().fate() != Fate.ACCEPTED) {
                failures.add("acceptMutants accepts \"" + a.mutant() + "\", which " + (o.get().fate() == Fate.KILLED
                        ? "the expectations already catch" : "changes nothing the task asks") + "; remove it");
            }
        }
        return new Result(outcomes, failures);
    }

    /** The policies that count for the task's traffic ({@code rules.policiesOnlyIn}); the others change no verdict. */
    private static List<NetworkPolicy> counted(Scenario s, List<NetworkPolicy> policies) {
        List<String> only = s.rules().policiesOnlyIn();
        return only.isEmpty() ? policies : policies.stream().filter(p -> only.contains(p.getMetadata().getNamespace())).toList();
    }

    /** Whether the task names the policy: as a whole word, e.g. {@code `allow-dns`}. */
    static boolean mentions(String task, String name) {
        return Pattern.compile("(?<![\\w.-])" + Pattern.quote(name) + "(?![\\w-])").matcher(task).find();
    }

    /**
     * Whether the policy was in the broken state and the solution keeps it unchanged: deleting what the task never
     * asked to touch is a wrong repair even when, with the learner's other policies, no verdict changes.
     */
    private static boolean keptAsIs(Scenario s, String policy) {
        return s.brokenPolicies().stream().anyMatch(b -> Mutator.id(b).equals(policy)
                && s.solutionPolicies().stream().anyMatch(p -> Mutator.id(p).equals(policy)
                && PolicyTree.same(PolicyTree.of(p).get("spec"), PolicyTree.of(b).get("spec"))));
    }

    private static String nameProposal(Scenario s, Mutant m) {
        if (m.operator().equals("keep-removed-policy")) {
            return "the task names " + m.policy() + " and no probe shows that it is still there: add checks: - {absent: " + m.policy() + "}";
        }
        if (m.operator().equals("fix-beside-broken")) {
            return "the task names " + m.policy() + " and no probe shows that the fix went into another policy: add checks: - {repaired: "
                    + m.policy() + "}";
        }
        boolean kept = keptAsIs(s, m.policy());
        if (!mentions(s.task(), m.policy().substring(m.policy().indexOf('/') + 1))) {
            return "the solution keeps " + m.policy() + " as it was and no probe shows that it was deleted: add checks: - {unchanged: "
                    + m.policy() + "}";
        }
        return "the task names " + m.policy() + " and no probe can tell its name: add checks: - {" + (kept ? "unchanged" : "exists") + ": "
                + m.policy() + "}";
    }

    /** The expectation that would catch the mutant, or the decoy that would let one. */
    private static String probeProposal(ReachMatrix matrix, List<Integer> diff, boolean[] solution) {
        Comparator<Integer> order = Comparator.comparing((Integer i) -> inKubeSystem(matrix.cells().get(i).src()))
                .thenComparing(i -> matrix.cells().get(i).dst() instanceof PodInfo p && p.namespace().equals(World.DNS_NAMESPACE));
        Optional<Integer> served = diff.stream().filter(i -> matrix.cells().get(i).served()).min(order);
        if (served.isPresent()) {
            return "kill it with: expect: - " + expectation(matrix.cells().get(served.get()), solution[served.get()]);
        }
        Optional<Integer> onPod = diff.stream().filter(i -> !matrix.cells().get(i).decoy())
                .min(order.thenComparing(i -> matrix.cells().get(i).port() != matrix.unnamedPort()));
        if (onPod.isPresent()) {
            ReachMatrix.Cell c = matrix.cells().get(onPod.get());
            String decoy = c.dst() instanceof PodInfo p ? "give " + p.id() + " a port " + c.port() + "/" + c.protocol() + " (world.pods[].ports)"
                    : "give " + c.dst().id() + " port " + c.port() + " (world.externals[].ports)";
            return "no probe can show it: it differs from the solution only on ports nothing serves (" + c.text() + "). Add a decoy: "
                    + decoy + ", then expect: - " + expectation(c, solution[onPod.get()]);
        }
        int at = diff.stream().min(order.thenComparing(i -> matrix.cells().get(i).protocol() != Protocol.TCP)).orElseThrow();
        ReachMatrix.Cell c = matrix.cells().get(at);
        String name = c.dst().id().substring(4);
        return "no endpoint of the world shows it: it differs from the solution only for address " + c.dst().ip() + ". Add a decoy: "
                + "world.externals: - {name: " + name + ", ip: " + c.dst().ip() + ", ports: [" + c.port() + "]}, then expect: - "
                + expectation(c, solution[at]);
    }

    private static boolean inKubeSystem(PodInfo p) {
        return p.namespace().equals(World.DNS_NAMESPACE);
    }

    private static String expectation(ReachMatrix.Cell c, boolean allowed) {
        return "{from: " + c.src().id() + ", to: " + c.dst().id() + ", port: " + c.port()
                + (c.protocol() == Protocol.TCP ? "" : ", protocol: " + c.protocol()) + ", allowed: " + allowed + "}";
    }
}
