package dev.netpollab.policy;

import java.util.Map;
import java.util.TreeMap;

/**
 * A namespace as the engine sees it.
 *
 * @param labels always includes {@code kubernetes.io/metadata.name=<name>}: "The Kubernetes control
 *               plane sets an immutable label kubernetes.io/metadata.name on all namespaces, the value
 *               of the label is the namespace name." (Namespaces concept page)
 */
public record NamespaceInfo(String name, Map<String, String> labels) {
    public static final String NAME_LABEL = "kubernetes.io/metadata.name";

    public NamespaceInfo {
        TreeMap<String, String> all = new TreeMap<>(labels == null ? Map.of() : labels);
        all.put(NAME_LABEL, name);
        labels = java.util.Collections.unmodifiableMap(all);
    }

    public static NamespaceInfo of(String name) {
        return new NamespaceInfo(name, Map.of());
    }
}
