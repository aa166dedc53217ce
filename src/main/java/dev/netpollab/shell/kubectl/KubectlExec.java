package dev.netpollab.shell.kubectl;

import dev.netpollab.lab.Fabric8PodExec;
import dev.netpollab.lab.PodExec;
import dev.netpollab.shell.ShellError;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code kubectl exec POD [-n NS] [-c C] -- COMMAND...}: how candidates test a policy. On a real lab the command runs
 * in the pod; on the embedded lab {@code curl}, {@code wget}, {@code nc}, {@code nslookup} and {@code dig} answer
 * from the policy engine with the real tools' output and exit codes.
 */
@Command(name = "exec", description = "Run a command in a pod: exec POD [-n NS] -- curl|wget|nc|nslookup|dig ... (computed on the embedded lab).")
public final class KubectlExec extends KubectlCommand {
    @Parameters(index = "0", paramLabel = "POD|pod/NAME")
    String pod;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "-- COMMAND")
    List<String> command = new ArrayList<>();

    @Option(names = {"-c", "--container"}, paramLabel = "CONTAINER")
    String container;

    @Option(names = {"-i", "--stdin"})
    boolean stdin;

    @Option(names = {"-t", "--tty"})
    boolean tty;

    @Spec
    CommandSpec spec;

    @Override
    protected void run() {
        List<String> original = spec.commandLine().getParseResult().originalArgs();
        if (!command.isEmpty() && !original.contains("--")) {
            throw new ShellError("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead");
        }
        if (command.isEmpty()) {
            throw new ShellError("error: you must specify at least one command for the container");
        }
        String name = pod;
        if (pod.contains("/")) {
            String type = pod.substring(0, pod.indexOf('/'));
            if (ResourceType.find(type).orElse(null) != ResourceType.POD) {
                throw new ShellError("error: the built-in exec takes a pod: exec POD -- COMMAND");
            }
            name = pod.substring(pod.indexOf('/') + 1);
        }
        String ns = namespace();
        Pod p = (Pod) find(ResourceType.POD, ns, name);
        if (p == null) {
            throw ResourceType.POD.notFound(name);
        }
        if (container != null && p.getSpec().getContainers().stream().map(Container::getName).noneMatch(container::equals)) {
            throw new ShellError("Error from server (BadRequest): container " + container + " is not valid for pod " + name);
        }
        int exit;
        if (s.lab().podExec().isPresent()) {
            exit = real(ns, name);
        } else {
            exit = InPod.run(s, p, null, command, tty, s.out());
        }
        if (exit > 0) {
            s.out().println("command terminated with exit code " + exit);
        }
    }

    /** A real lab without a kubectl binary: the same exec through the API. */
    private int real(String ns, String name) {
        PodExec.Result r = new Fabric8PodExec(s.lab().client()).exec(ns, name, container, Duration.ofMinutes(5), command.toArray(String[]::new));
        s.out().print(r.stdout());
        s.out().print(r.stderr());
        if (r.execFailed()) {
            throw new ShellError("error: " + r.error());
        }
        return r.exitCode();
    }
}
