package dev.netpollab.shell.kubectl;

import dev.netpollab.shell.ShellError;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

@Command(name = "delete", description = "Delete NetworkPolicies (delete netpol NAME... | --all | -f FILE) and pods you started with run.")
public final class KubectlDelete extends KubectlCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "TYPE")
    String type;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "NAME")
    List<String> names = new ArrayList<>();

    @Option(names = {"-f", "--filename"}, paramLabel = "FILE")
    String file;

    @Option(names = "--all", description = "All NetworkPolicies of the namespace.")
    boolean all;

    /** Pods the learner started with {@code run}; the scenario's own pods stay (the world is graded as set up). */
    private void deletePods(String ns) {
        if (names.isEmpty()) {
            throw new ShellError("error: resource(s) were provided, but no name was specified");
        }
        List<String> errors = new ArrayList<>();
        for (String n : names) {
            if (s.scenario().flatMap(sc -> sc.world().pod(ns + "/" + n)).isPresent()) {
                errors.add("error: pod " + ns + "/" + n + " is part of the scenario's world; the built-in delete leaves it (`reset` restores the world)");
                continue;
            }
            HasMetadata p = find(ResourceType.POD, ns, n);
            if (p == null) {
                errors.add(ResourceType.POD.notFoundText(n));
                continue;
            }
            s.lab().client().resource(p).delete();
            s.out().println("pod \"" + n + "\" deleted");
        }
        if (!errors.isEmpty()) {
            throw new ShellError(String.join("\n", errors));
        }
    }

    @Override
    protected void run() {
        String ns = namespace();
        List<String[]> targets = new ArrayList<>();
        if (file != null) {
            for (HasMetadata o : Manifest.read(s, file, namespace, null)) {
                if (!(o instanceof NetworkPolicy)) {
                    throw new ShellError("the built-in delete removes NetworkPolicies only; the world of a scenario stays as set up");
                }
                targets.add(new String[]{o.getMetadata().getNamespace(), o.getMetadata().getName()});
            }
        } else {
            if (type == null) {
                throw new ShellError("error: you must specify the type of resource to delete, e.g. `delete netpol NAME -n NS`");
            }
            if (type.contains("/")) {
                // kubectl delete netpol/NAME: the TYPE/NAME form.
                names.add(0, type.substring(type.indexOf('/') + 1));
                type = type.substring(0, type.indexOf('/'));
            } else if (names.stream().anyMatch(n -> n.contains("/"))) {
                throw Names.typeGivenTwice();
            }
            ResourceType t = ResourceType.parse(type);
            if (t == ResourceType.POD) {
                deletePods(ns);
                return;
            }
            if (t != ResourceType.NETWORKPOLICY) {
                throw new ShellError("the built-in delete removes netpol (and pods you started with run); the world of a scenario stays as set up");
            }
            if (all) {
                list(ResourceType.NETWORKPOLICY, ns).forEach(np -> targets.add(new String[]{ns, np.getMetadata().getName()}));
                if (targets.isEmpty()) {
                    s.out().println("No resources found");
                    return;
                }
            } else if (names.isEmpty()) {
                throw new ShellError("error: resource(s) were provided, but no name was specified");
            }
            names.forEach(n -> targets.add(new String[]{ns, n}));
        }
        List<String> errors = new ArrayList<>();
        boolean changed = false;
        for (String[] t : targets) {
            HasMetadata found = find(ResourceType.NETWORKPOLICY, t[0], t[1]);
            if (found == null) {
                errors.add(ResourceType.NETWORKPOLICY.notFoundText(t[1]));
                continue;
            }
            s.lab().client().resource(found).delete();
            changed = true;
            s.out().println("networkpolicy.networking.k8s.io \"" + t[1] + "\" deleted");
        }
        if (changed) {
            s.policiesChanged();
        }
        if (!errors.isEmpty()) {
            throw new ShellError(String.join("\n", errors));
        }
    }
}
