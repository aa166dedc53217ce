package dev.netpollab.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What exists in the cluster: namespaces, pods and endpoints outside it. Pods are kept sorted by their
 * {@code ns/name} so that every report and every index is deterministic.
 */
public final class Topology {
    private final Map<String, NamespaceInfo> namespaces;
    private final List<PodInfo> pods;
    private final Map<String, Integer> podIndex;
    private final List<ExternalInfo> externals;
    private final byte[][] addresses;

    public Topology(Collection<NamespaceInfo> namespaces, Collection<PodInfo> pods, Collection<ExternalInfo> externals) {
        Map<String, NamespaceInfo> ns = new LinkedHashMap<>();
        namespaces.stream().sorted(Comparator.comparing(NamespaceInfo::name)).forEach(n -> ns.put(n.name(), n));
        List<PodInfo> sorted = new ArrayList<>(pods);
        sorted.sort(Comparator.comparing(PodInfo::id));
        // "A namespace that is referenced but not declared exists implicitly" (analyze contract).
        for (PodInfo p : sorted) {
            ns.computeIfAbsent(p.namespace(), NamespaceInfo::of);
        }
        this.namespaces = java.util.Collections.unmodifiableMap(ns);
        this.pods = List.copyOf(sorted);
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < this.pods.size(); i++) {
            if (index.putIfAbsent(this.pods.get(i).id(), i) != null) {
                throw new IllegalArgumentException("duplicate pod " + this.pods.get(i).id());
            }
        }
        this.podIndex = index;
        this.externals = List.copyOf(externals);
        this.addresses = new byte[this.pods.size()][];
        for (int i = 0; i < this.pods.size(); i++) {
            addresses[i] = Cidr.parseAddress(this.pods.get(i).ip()).orElse(null);
        }
    }

    public Topology(Collection<NamespaceInfo> namespaces, Collection<PodInfo> pods) {
        this(namespaces, pods, List.of());
    }

    public List<PodInfo> pods() {
        return pods;
    }

    public List<ExternalInfo> externals() {
        return externals;
    }

    public Collection<NamespaceInfo> namespaces() {
        return namespaces.values();
    }

    /** The namespace by name; an undeclared one exists implicitly with only its name label. */
    public NamespaceInfo namespace(String name) {
        NamespaceInfo ns = namespaces.get(name);
        return ns != null ? ns : NamespaceInfo.of(name);
    }

    public boolean hasNamespace(String name) {
        return namespaces.containsKey(name);
    }

    public Optional<PodInfo> pod(String id) {
        Integer i = podIndex.get(id);
        return i == null ? Optional.empty() : Optional.of(pods.get(i));
    }

    public Optional<PodInfo> pod(String namespace, String name) {
        return pod(namespace + "/" + name);
    }

    public Optional<ExternalInfo> external(String name) {
        return externals.stream().filter(e -> e.name().equals(name)).findFirst();
    }



    /** The parsed IP of the pod at an index, or null when unknown or unparsable. */
    byte[] address(int podIndex) {
        return addresses[podIndex];
    }

    int indexOf(String id) {
        Integer i = podIndex.get(id);
        return i == null ? -1 : i;
    }
}
