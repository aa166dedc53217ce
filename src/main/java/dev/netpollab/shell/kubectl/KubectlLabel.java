package dev.netpollab.shell.kubectl;

import dev.netpollab.policy.FieldError;
import dev.netpollab.policy.PolicyValidator;
import dev.netpollab.shell.ShellCommand;
import dev.netpollab.shell.ShellError;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "label", description = "Add, change or remove labels of a namespace or pod: label pod NAME k=v k2- [--overwrite].")
public final class KubectlLabel extends ShellCommand {
    @Parameters(index = "0", paramLabel = "TYPE", description = "ns or pod")
    String type;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Parameters(index = "2..*", arity = "1..*", paramLabel = "KEY=VALUE|KEY-")
    List<String> changes = new ArrayList<>();

    @Option(names = "--overwrite", description = "Allow changing a label that has a value.")
    boolean overwrite;

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS")
    String namespace;

    @Override
    protected void run() {
        ResourceType t = ResourceType.parse(type);
        if (t != ResourceType.NAMESPACE && t != ResourceType.POD) {
            throw new ShellError("the built-in label changes ns and pods");
        }
        String ns = namespace != null ? namespace : s.defaultNamespace();
        HasMetadata o = t.get(s.lab().client(), ns, name);
        if (o == null) {
            throw t.notFound(name);
        }
        Map<String, String> set = new LinkedHashMap<>();
        List<String> remove = new ArrayList<>();
        for (String c : changes) {
            if (c.endsWith("-") && !c.contains("=")) {
                remove.add(c.substring(0, c.length() - 1));
            } else if (c.contains("=")) {
                set.put(c.substring(0, c.indexOf('=')), c.substring(c.indexOf('=') + 1));
            } else {
                throw new ShellError("error: invalid label spec: " + c + " (write key=value to set, key- to remove)");
            }
        }
        List<FieldError> errors = PolicyValidator.labelErrors("metadata.labels", set);
        if (!errors.isEmpty()) {
            throw new ShellError("error: " + errors.get(0).toString().substring("metadata.labels: ".length()));
        }
        Map<String, String> labels = new HashMap<>(o.getMetadata().getLabels() == null ? Map.of() : o.getMetadata().getLabels());
        for (var e : set.entrySet()) {
            String old = labels.get(e.getKey());
            if (old != null && !old.equals(e.getValue()) && !overwrite) {
                throw new ShellError("error: '" + e.getKey() + "' already has a value (" + old + "), and --overwrite is false");
            }
        }
        boolean changed = false;
        for (String k : remove) {
            changed |= labels.remove(k) != null;
        }
        for (var e : set.entrySet()) {
            changed |= !e.getValue().equals(labels.put(e.getKey(), e.getValue()));
        }
        String shown = (t == ResourceType.POD ? "pod/" : "namespace/") + name;
        if (!changed) {
            s.out().println(shown + " not labeled");
            return;
        }
        o.getMetadata().setLabels(labels);
        try {
            s.lab().client().resource(o).update();
        } catch (KubernetesClientException e) {
            throw new ShellError(KubectlErrors.format(e, o.getKind(), name));
        }
        s.out().println(shown + " " + (remove.isEmpty() || !set.isEmpty() ? "labeled" : "unlabeled"));
        s.policiesChanged();
    }
}
