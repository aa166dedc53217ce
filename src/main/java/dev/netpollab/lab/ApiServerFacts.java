package dev.netpollab.lab;

import dev.netpollab.policy.NamespaceInfo;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a real control plane adds to objects that a plain CRUD store does not: the namespace name label,
 * and for pods an IP and a Running/Ready status (in a real cluster the CNI and the kubelet provide them).
 */
public final class ApiServerFacts {
    private ApiServerFacts() {
    }

    /** "The Kubernetes control plane sets an immutable label kubernetes.io/metadata.name on all namespaces". */
    public static Namespace withNameLabel(Namespace ns) {
        Map<String, String> labels = new LinkedHashMap<>(ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels());
        labels.put(NamespaceInfo.NAME_LABEL, ns.getMetadata().getName());
        return new NamespaceBuilder(ns).editMetadata().withLabels(labels).endMetadata().build();
    }

    public static Pod running(Pod pod, String ip) {
        return new PodBuilder(pod).withNewStatus().withPhase("Running").withPodIP(ip)
                .addToPodIPs(new io.fabric8.kubernetes.api.model.PodIP(ip))
                .addToConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build())
                .addToConditions(new PodConditionBuilder().withType("ContainersReady").withStatus("True").build())
                .endStatus().build();
    }
}
