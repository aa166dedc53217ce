package dev.netpollab.shell.kubectl;

import dev.netpollab.shell.ShellCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import picocli.CommandLine.Option;

/** A kubectl built-in: the {@code -n} flag, checked as kubectl checks it, and the lookups every verb shares. */
public abstract class KubectlCommand extends ShellCommand {
    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "The namespace (default: default).")
    protected String namespace;

    /** The namespace to work in: {@code -n}, else the shell's default; refused as kubectl refuses a bad path segment. */
    protected String namespace() {
        return Names.checkNamespace(namespace != null ? namespace : s.defaultNamespace());
    }

    /** The object, or null when it does not exist (or cannot: a name no object can have). */
    protected HasMetadata find(ResourceType t, String ns, String name) {
        Names.checkName(name);
        if (!Names.canBeObjectName(name) || t.namespaced() && !Names.canExist(ns)) {
            return null;
        }
        return t.get(s.lab().client(), ns, name);
    }

    /** The objects of a type in a namespace (null: all namespaces); none in a namespace that cannot exist. */
    protected java.util.List<? extends HasMetadata> list(ResourceType t, String ns) {
        if (t.namespaced() && ns != null && !Names.canExist(ns)) {
            return java.util.List.of();
        }
        return t.list(s.lab().client(), t.namespaced() ? ns : null);
    }
}
