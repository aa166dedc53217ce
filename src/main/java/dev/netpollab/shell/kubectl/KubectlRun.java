package dev.netpollab.shell.kubectl;

import dev.netpollab.lab.ApiServerFacts;
import dev.netpollab.policy.PolicyValidator;
import dev.netpollab.shell.ShellError;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code kubectl run NAME --image=IMG [--rm -it] [-l k=v] [-n NS] -- COMMAND...}: a pod with chosen labels to test a
 * policy from. On the embedded lab a {@code --rm} pod is never stored: it exists for the engine only while its
 * command runs, so it can never count against the world's integrity. Without {@code --rm} the pod is created (and is
 * then part of the cluster like any pod the learner adds).
 */
@Command(name = "run", description = "Start a pod: run NAME --image=IMG [--rm -it] [-l k=v] -- curl ... (a --rm pod is temporary).")
public final class KubectlRun extends KubectlCommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "-- COMMAND")
    List<String> command = new ArrayList<>();

    @Option(names = "--image", paramLabel = "IMAGE", description = "The container image, e.g. busybox, curlimages/curl, nicolaka/netshoot.")
    String image;

    @Option(names = {"-l", "--labels"}, paramLabel = "k=v[,k2=v2]", description = "The pod's labels (default: run=NAME).")
    String labels;

    @Option(names = "--rm", description = "Delete the pod when its command ends (needs -i or -t).")
    boolean rm;

    @Option(names = {"-i", "--stdin"})
    boolean stdin;

    @Option(names = {"-t", "--tty"})
    boolean tty;

    @Option(names = "--restart", paramLabel = "POLICY", defaultValue = "Always")
    String restart;

    @Option(names = "--command", description = "The arguments are the command, not the image's arguments.")
    boolean asCommand;

    @Option(names = "--attach")
    boolean attach;

    @Option(names = "--dry-run", arity = "0..1", fallbackValue = "client", paramLabel = "none|client|server",
            description = "Only print the pod (with -o yaml: the manifest to save and edit); nothing is created.")
    String dryRun;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "With --dry-run: yaml, json or name.")
    String output;

    @Override
    protected void run() {
        if (image == null) {
            throw new ShellError("error: required flag(s) \"image\" not set");
        }
        if (rm && !stdin && !tty && !attach) {
            throw new ShellError("error: --rm should only be used for attached containers");
        }
        if (!List.of("Always", "OnFailure", "Never").contains(restart)) {
            throw new ShellError("error: invalid restart policy: " + restart);
        }
        String ns = namespace();
        var nameErrors = PolicyValidator.dns1123Subdomain("metadata.name", name);
        if (!nameErrors.isEmpty()) {
            throw new ShellError("The Pod \"" + name + "\" is invalid: " + nameErrors.get(0));
        }
        if (dryRun != null && !dryRun.equals("none")) {
            printDryRun();
            return;
        }
        if (!Names.canExist(ns) || s.lab().client().namespaces().withName(ns).get() == null) {
            throw new ShellError("Error from server (NotFound): namespaces \"" + ns + "\" not found");
        }
        if (find(ResourceType.POD, ns, name) != null) {
            throw new ShellError("Error from server (AlreadyExists): pods \"" + name + "\" already exists");
        }
        Map<String, String> podLabels = labels == null ? Map.of("run", name) : parseLabels(labels);
        Pod pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(ns).withLabels(podLabels).endMetadata()
                .withNewSpec().withRestartPolicy(restart).addNewContainer().withName(name).withImage(image)
                .withArgs(asCommand ? null : command.isEmpty() ? null : command)
                .withCommand(asCommand && !command.isEmpty() ? command : null).endContainer().endSpec().build();
        boolean attached = stdin || tty || attach;
        if (s.lab().podExec().isPresent()) {
            throw new ShellError("error: the built-in run needs the real kubectl on this lab (install kubectl, it is passed through)");
        }
        if (rm) {
            temporary(pod);
            return;
        }
        Pod created = s.lab().client().resource(pod).create();
        s.out().println("pod/" + name + " created");
        if (attached && !command.isEmpty()) {
            InPod.run(s, created, null, command, tty, s.out());
        }
    }

    /**
     * {@code k run x --image=nginx $do > pod.yaml}: the Pod kubectl's generator makes, printed and not created. As kubectl,
     * it refuses attached options, and names the namespace only when -n gave one.
     */
    private void printDryRun() {
        if (!dryRun.equals("client") && !dryRun.equals("server")) {
            throw new ShellError("error: Invalid dry-run value (" + dryRun + "). Must be \"none\", \"server\", or \"client\".");
        }
        if (rm || stdin || tty || attach) {
            throw new ShellError("error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
        }
        Map<String, String> podLabels = labels == null ? Map.of("run", name) : parseLabels(labels);
        Pod pod = new PodBuilder().withApiVersion("v1").withKind("Pod").withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(podLabels).endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage(image)
                .withArgs(asCommand ? null : command.isEmpty() ? null : command)
                .withCommand(asCommand && !command.isEmpty() ? command : null).withNewResources().endResources().endContainer()
                .withDnsPolicy("ClusterFirst").withRestartPolicy(restart).endSpec().withNewStatus().endStatus().build();
        String suffix = dryRun.equals("server") ? " (server dry run)" : " (dry run)";
        if (output == null) {
            s.out().println("pod/" + name + " created" + suffix);
            return;
        }
        Output out = Output.parse(output);
        if (out.table()) {
            throw new ShellError("error: unable to match a printer suitable for the output format \"" + output + "\"");
        }
        out.print(List.of(pod), true, p -> "pod/" + name).forEach(text -> s.out().println(text.stripTrailing()));
    }

    /** The --rm pod: scheduled, given an address, run once, deleted; the API never holds it. */
    private void temporary(Pod pod) {
        Pod running = ApiServerFacts.running(pod, freeIp());
        running.getSpec().setNodeName("embedded");
        if (tty && stdin) {
            s.out().println("If you don't see a command prompt, try pressing enter.");
        }
        int exit = command.isEmpty() ? 0 : InPod.run(s, running, running, command, tty, s.out());
        s.out().println("pod \"" + name + "\" deleted");
        if (exit != 0 && restart.equals("Never")) {
            s.out().println("pod " + pod.getMetadata().getNamespace() + "/" + name + " terminated (Error)");
        }
    }

    /** An address in the pod range that no pod holds. */
    private String freeIp() {
        Set<String> used = new HashSet<>();
        s.lab().client().pods().inAnyNamespace().list().getItems().forEach(p -> {
            if (p.getStatus() != null && p.getStatus().getPodIP() != null) {
                used.add(p.getStatus().getPodIP());
            }
        });
        for (int i = 250; i > 0; i--) {
            String ip = "10.42.255." + i;
            if (!used.contains(ip)) {
                return ip;
            }
        }
        throw new ShellError("error: no free pod address");
    }

    private static Map<String, String> parseLabels(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new ShellError("error: invalid label spec: " + part);
            }
            out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        var errors = PolicyValidator.labelErrors("metadata.labels", out);
        if (!errors.isEmpty()) {
            throw new ShellError("The Pod is invalid: " + errors.get(0));
        }
        return out;
    }
}
