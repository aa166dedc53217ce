package dev.netpollab.exam;

import dev.netpollab.lab.Applier;
import dev.netpollab.scenario.InvalidInputException;
import dev.netpollab.scenario.KubeYaml;
import dev.netpollab.scenario.World;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The learner's work in an exam's namespaces: their NetworkPolicies and the labels of pods and
 * namespaces. Captured after every command so that an interrupted exam resumes with nothing lost.
 */
public record ExamWork(List<String> policies, Map<String, Map<String, String>> podLabels, Map<String, Map<String, String>> namespaceLabels) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static ExamWork capture(KubernetesClient c, ExamPlan plan) {
        List<String> policies = new ArrayList<>();
        Map<String, Map<String, String>> pods = new LinkedHashMap<>();
        Map<String, Map<String, String>> nss = new LinkedHashMap<>();
        for (String ns : namespaces(plan)) {
            Namespace n = c.namespaces().withName(ns).get();
            if (n == null) {
                continue;
            }
            nss.put(ns, labels(n));
            for (Pod p : c.pods().inNamespace(ns).list().getItems()) {
                pods.put(ns + "/" + p.getMetadata().getName(), labels(p));
            }
            for (NetworkPolicy np : c.network().networkPolicies().inNamespace(ns).list().getItems()) {
                NetworkPolicy copy = KubeYaml.serialization().clone(np);
                copy.getMetadata().setManagedFields(null);
                copy.getMetadata().setResourceVersion(null);
                copy.getMetadata().setUid(null);
                copy.getMetadata().setCreationTimestamp(null);
                copy.getMetadata().setGeneration(null);
                policies.add(KubeYaml.toYaml(copy));
            }
        }
        return new ExamWork(policies, pods, nss);
    }

    /** Puts the saved work back: the policies exactly (nothing more, nothing less) and the labels. */
    public void restore(KubernetesClient c, ExamPlan plan) throws InvalidInputException {
        for (String ns : namespaces(plan)) {
            c.network().networkPolicies().inNamespace(ns).delete();
        }
        List<HasMetadata> objects = new ArrayList<>();
        for (String yaml : policies) {
            KubeYaml.read("saved exam work", yaml).forEach(ko -> objects.add(ko.object()));
        }
        Applier.apply(c, objects);
        namespaceLabels.forEach((ns, labels) -> {
            Namespace n = c.namespaces().withName(ns).get();
            if (n != null && !labels.equals(labels(n))) {
                n.getMetadata().setLabels(new LinkedHashMap<>(labels));
                c.resource(n).update();
            }
        });
        podLabels.forEach((id, labels) -> {
            String[] p = id.split("/", 2);
            Pod pod = c.pods().inNamespace(p[0]).withName(p[1]).get();
            if (pod != null && !labels.equals(labels(pod))) {
                pod.getMetadata().setLabels(new LinkedHashMap<>(labels));
                c.resource(pod).update();
            }
        });
    }

    static Set<String> namespaces(ExamPlan plan) {
        Set<String> out = new LinkedHashSet<>();
        plan.tasks().forEach(t -> t.scenario().world().scenarioNamespaces().stream().filter(n -> !n.equals(World.DNS_NAMESPACE)).forEach(out::add));
        return out;
    }

    private static Map<String, String> labels(HasMetadata o) {
        return o.getMetadata().getLabels() == null ? Map.of() : new LinkedHashMap<>(o.getMetadata().getLabels());
    }

    public String toJson() {
        return JSON.writeValueAsString(this);
    }

    public static ExamWork fromJson(String json) {
        return json == null || json.isBlank() ? new ExamWork(List.of(), Map.of(), Map.of()) : JSON.readValue(json, ExamWork.class);
    }
}
