package dev.netpollab.cli;

import dev.netpollab.grade.Grade;
import dev.netpollab.grade.Grader;
import dev.netpollab.lab.Applier;
import dev.netpollab.lab.ClusterState;
import dev.netpollab.lab.Diagnostics;
import dev.netpollab.lab.DiagnosticsBundle;
import dev.netpollab.lab.Lab;
import dev.netpollab.lab.LabException;
import dev.netpollab.lab.LabProgress;
import dev.netpollab.lab.PodExec;
import dev.netpollab.lab.cluster.Canary;
import dev.netpollab.lab.k3s.K3sLab;
import dev.netpollab.probe.Prober;
import dev.netpollab.probe.Probers;
import dev.netpollab.scenario.Scenario;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code doctor --deep}: the real lab end to end, each step timed: boot, the canary (the CNI enforces a
 * deny-all), one scenario provisioned, its broken state graded (it must fail), its reference solution applied
 * and graded (it must pass), teardown. The first step that fails stops the run, says why, and leaves a
 * diagnostics bundle with the steps and the lab's evidence.
 */
final class DeepCheck {
    /** One step as it went. */
    record Step(String name, Duration took, boolean ok, String detail) {
        String line() {
            return String.format(Locale.ROOT, "%s %-34s %6.1f s  %s", ok ? "✓" : "✗", name, took.toMillis() / 1000.0, detail);
        }
    }

    /** A step that did not succeed; its message is the step's detail. */
    private static final class StepFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StepFailed(String message) {
            super(message);
        }
    }

    private final PrintWriter out;
    private final Path bundles;
    private final Clock clock;
    private final List<Step> steps = new ArrayList<>();
    private final long started = System.nanoTime();

    DeepCheck(PrintWriter out, Path bundles, Clock clock) {
        this.out = out;
        this.bundles = bundles;
        this.clock = clock;
    }

    /**
     * @param kind    the lab's kind, for the first line
     * @param starter boots the lab
     * @return 0 when every step passed, 1 otherwise
     */
    int run(String kind, Function<LabProgress, Lab> starter, Scenario chosen) {
        out.println("doctor --deep: the " + kind + " lab end to end, with " + chosen.id());
        out.flush();
        LabProgress progress = (phase, done, total) -> {
            if (total == 0 || done == total) {  // a phase and its end, not every count in between
                out.println("    " + phase + (total > 0 ? " " + done + "/" + total : ""));
                out.flush();
            }
        };
        Lab lab = null;
        try {
            lab = step("boot the " + kind + " lab", () -> starter.apply(progress), Lab::describe);
            Lab booted = lab;
            Optional<PodExec> exec = lab.podExec();
            if (exec.isEmpty()) {
                steps.add(new Step("canary", Duration.ZERO, true, "not applicable: this lab computes probes with the engine"));
                out.println(steps.get(steps.size() - 1).line());
            } else {
                step("canary (a deny-all is enforced)", () -> {
                    Canary.Result r = Canary.run(booted.client(), Canary.curl(exec.get()), Duration.ofSeconds(30), progress);
                    if (!r.enforces()) {
                        throw new StepFailed(r.detail());
                    }
                    return r.detail();
                }, d -> d);
            }
            Scenario s = lab.adapt(chosen);
            lab.cannotRun(s).ifPresent(why -> {
                throw new StepFailed(why);
            });
            step("provision " + s.id(), () -> {
                booted.teardown(s, LabProgress.NONE);
                booted.provision(s, progress);
                booted.applyBroken(s);
                return s.world().pods().size() + " pods in " + String.join(", ", s.world().scenarioNamespaces());
            }, d -> d);
            Prober prober = Probers.of(lab);
            step("grade the broken state", () -> {
                Grade g = new Grader().grade(s, booted.snapshot(s), prober);
                if (g.passed()) {
                    throw new StepFailed("the broken state passed, so the dataplane did not enforce the broken policies: " + summary(g));
                }
                return "fails as it should: " + summary(g);
            }, d -> d);
            step("apply the solution and grade", () -> {
                for (String ns : s.world().scenarioNamespaces()) {
                    booted.client().network().networkPolicies().inNamespace(ns).delete();
                }
                Applier.apply(booted.client(), s.solutionPolicies());
                Grade g = new Grader().grade(s, booted.snapshot(s), prober);
                if (!g.passed()) {
                    throw new StepFailed("the reference solution fails: " + summary(g) + "; " + g.failedCells().stream().limit(3)
                            .map(c -> c.probe() + " " + c.observation().outcome().label() + " (" + c.reason() + ")").collect(Collectors.joining("; ")));
                }
                return "passes: " + summary(g) + (g.convergence().isZero() ? "" : ", converged in " + g.convergence().toMillis() + " ms");
            }, d -> d);
            step("teardown", () -> {
                booted.teardown(s, LabProgress.NONE);
                return "namespaces removed";
            }, d -> d);
            out.println(String.format(Locale.ROOT, "All steps passed in %.1f s.", (System.nanoTime() - started) / 1e9));
            return 0;
        } catch (RuntimeException e) {
            out.println(bundleLine(kind, lab, e));
            out.println("`netpol-lab doctor` checks this machine's prerequisites; the embedded lab (--lab embedded) needs none.");
            return 1;
        } finally {
            if (lab != null) {
                try {
                    lab.close();
                } catch (RuntimeException e) {
                    out.println("note: closing the lab failed: " + LabException.rootMessage(e));
                }
            }
            out.flush();
        }
    }

    private <T> T step(String name, Callable<T> what, Function<T, String> detail) {
        long t0 = System.nanoTime();
        try {
            T result = what.call();
            Step s = new Step(name, Duration.ofNanos(System.nanoTime() - t0), true, detail.apply(result));
            steps.add(s);
            out.println(s.line());
            out.flush();
            return result;
        } catch (Exception e) {
            String why = e instanceof StepFailed || e instanceof LabException ? e.getMessage() : LabException.rootMessage(e);
            // The lab's own bundle line comes last, once, for the whole run.
            Step s = new Step(name, Duration.ofNanos(System.nanoTime() - t0), false, why.replaceAll("\\n\\s*diagnostics written to .*", ""));
            steps.add(s);
            out.println(s.line());
            throw e instanceof RuntimeException re ? re : new StepFailed(why);
        }
    }

    private static String summary(Grade g) {
        long errors = g.cells().stream().filter(c -> c.observation().outcome() == dev.netpollab.probe.Outcome.ERROR).count();
        return g.met() + "/" + g.total() + " rows met" + (errors > 0 ? ", " + errors + " probe error(s)" : "");
    }

    /** Adds the steps to the lab's own bundle when it wrote one, else writes a bundle; returns the line that says where. */
    private String bundleLine(String kind, Lab lab, RuntimeException failure) {
        String text = steps.stream().map(Step::line).collect(Collectors.joining("\n", "", "\n"));
        Optional<Path> existing = failure instanceof LabException le ? le.bundle() : Optional.empty();
        try {
            DiagnosticsBundle b;
            if (existing.isPresent()) {
                b = DiagnosticsBundle.reopen(existing.get(), "doctor --deep: " + failure.getMessage());
                b.write("doctor-steps.txt", text);
            } else {
                b = new Diagnostics(bundles, clock, x -> {
                    if (lab != null) {
                        lab.collectDiagnostics(x);
                    } else {
                        x.collect("versions.txt", () -> kind.equals("k3s") ? K3sLab.versions() : ClusterState.versions());
                    }
                }).write("doctor --deep: " + firstLine(failure.getMessage()), x -> {
                    x.write("doctor-steps.txt", text);
                    x.error("error.txt", failure);
                });
            }
            return b.sendLine();
        } catch (RuntimeException e) {
            return "no diagnostics bundle could be written: " + LabException.rootMessage(e);
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }
}
