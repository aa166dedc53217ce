package dev.netpollab.cli;

import dev.netpollab.lab.DiagnosticsBundle;
import dev.netpollab.scenario.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Clock;
import java.util.concurrent.Callable;

@Command(name = "doctor", description = {"What this machine can do: Java, Docker, privileged containers, kubectl, cached images and Calico manifest, disk.",
        "With --deep: boot the real lab (k3s unless --lab says otherwise), run the canary and one scenario's broken and solved "
                + "states, each step timed; a failure leaves a diagnostics bundle in ~/.netpol-lab/diagnostics/."})
public class DoctorCommand implements Callable<Integer> {
    /** A scenario that runs on every lab (no endpoints outside the cluster) and grades default-deny, the exam's staple. */
    static final String DEEP_SCENARIO = "default-deny-scope";

    @Option(names = "--deep", description = "Boot the lab and grade one scenario's broken and solved states for real (minutes).")
    boolean deep;

    @Option(names = "--scenario", paramLabel = "ID", description = "With --deep: the scenario to run (default: " + DEEP_SCENARIO + ").")
    String scenario = DEEP_SCENARIO;

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!deep) {
            Doctor.report(Doctor.Facts.gather()).forEach(spec.commandLine().getOut()::println);
            return 0;
        }
        Scenario s = Library.load(global, spec.commandLine().getErr()).require(scenario);
        if (global.lab == null) {
            global.lab = "k3s";  // --deep is about the real lab; the embedded one only when asked for
        }
        LabChooser.Choice choice = LabChooser.choose(global);
        return new DeepCheck(spec.commandLine().getOut(), DiagnosticsBundle.defaultRoot(), Clock.systemUTC()).run(choice.kind(), choice.starter(), s);
    }
}
