package dev.netpollab.shell.kubectl;

import dev.netpollab.policy.FieldError;
import dev.netpollab.policy.PolicyValidator;
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

@Command(name = "label", description = "Add, change or remove labels: label pod|ns|svc|netpol NAME k=v k2- [--overwrite].")
public final class KubectlLabel extends KubectlCommand {
    @Parameters(index = "0", paramLabel = "TYPE|TYPE/NAME", description = "ns, pod or svc")
    String type;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "[NAME] KEY=VALUE|KEY-")
    List<String> changes = new ArrayList<>();

    @Option(names = "--overwrite", description = "Allow changing a label that has a value.")
    boolean overwrite;

    @Override
    protected void run() {
        String typeWord = type;
        String name;
        if (type.contains("/")) {
            typeWord = type.substring(0, type.indexOf('/'));
            name = type.substring(type.indexOf('/') + 1);
        } else {
            name = changes.remove(0);
        }
        if (changes.isEmpty()) {
            throw new ShellError("error: at least one label update is required");
        }
        ResourceType t = ResourceType.parse(typeWord);
        String ns = namespace();
        HasMetadata o = find(t, ns, name);
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
        String shown = t.singular() + "/" + name;
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
