package dev.netpollab.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "doctor", description = "What this machine can do: Java, Docker, privileged containers, kubectl, cached images, the Calico manifest and disk space.")
public class DoctorCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Doctor.report(Doctor.Facts.gather()).forEach(spec.commandLine().getOut()::println);
        return 0;
    }
}
