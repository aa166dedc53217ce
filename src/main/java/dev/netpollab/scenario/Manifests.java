package dev.netpollab.scenario;

import dev.netpollab.policy.FieldError;
import dev.netpollab.policy.NamespaceInfo;
import dev.netpollab.policy.PodInfo;
import dev.netpollab.policy.PolicyEngine;
import dev.netpollab.policy.PolicyValidator;
import dev.netpollab.policy.Topology;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The objects of a set of manifest files as the engine needs them (the analyze contract): namespaces,
 * pods (a workload's pod template stands for one pod named after the workload) and NetworkPolicies.
 * Other kinds are ignored. Objects without a namespace are in {@code default}.
 */
public record Manifests(List<NamespaceInfo> namespaces, List<PodInfo> pods, List<NetworkPolicy> policies, List<Service> services) {

    /** Reads files and directories (recursively, {@code *.yaml}/{@code *.yml}) in a stable order. */
    public static Manifests read(List<Path> paths) throws InvalidInputException {
        List<YamlProblem> problems = new ArrayList<>();
        List<KubeYaml.KubeObject> objects = new ArrayList<>();
        // Files are independent: read them on all cores, keep their order.
        List<KubeYaml.Result> results = expand(paths, problems).parallelStream().map(KubeYaml::readAll).toList();
        for (KubeYaml.Result r : results) {
            objects.addAll(r.objects());
            problems.addAll(r.problems());
        }
        try {
            Manifests m = of(objects);
            if (problems.isEmpty()) {
                return m;
            }
        } catch (InvalidInputException e) {
            problems.addAll(e.problems());
        }
        problems.sort(java.util.Comparator.comparing(YamlProblem::file).thenComparingInt(YamlProblem::line).thenComparingInt(YamlProblem::column));
        throw new InvalidInputException(problems);
    }

    static List<Path> expand(List<Path> paths, List<YamlProblem> problems) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(Manifests::isYaml).sorted().forEach(files::add);
                } catch (IOException e) {
                    problems.add(new YamlProblem(p.toString(), 0, 0, "", "cannot read directory: " + e.getMessage()));
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                problems.add(new YamlProblem(p.toString(), 0, 0, "", "no such file or directory"));
            }
        }
        return files;
    }

    public static boolean isYaml(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    /**
     * Builds the engine's inputs from objects, validating every NetworkPolicy as the API server would.
     * A later object with the same kind, namespace and name replaces an earlier one, as {@code kubectl apply} would.
     */
    public static Manifests of(List<KubeYaml.KubeObject> objects) throws InvalidInputException {
        List<YamlProblem> problems = new ArrayList<>();
        Map<String, NamespaceInfo> namespaces = new LinkedHashMap<>();
        Map<String, PodInfo> pods = new LinkedHashMap<>();
        Map<String, NetworkPolicy> policies = new LinkedHashMap<>();
        Map<String, Service> services = new LinkedHashMap<>();
        for (KubeYaml.KubeObject ko : objects) {
            HasMetadata o = ko.object();
            String name = o.getMetadata() == null ? null : o.getMetadata().getName();
            if (name == null || name.isEmpty()) {
                problems.add(ko.problem("metadata.name", "metadata.name: Required value: name or generateName is required"));
                continue;
            }
            String ns = o.getMetadata().getNamespace() == null ? "default" : o.getMetadata().getNamespace();
            Map<String, String> labels = o.getMetadata().getLabels() == null ? Map.of() : o.getMetadata().getLabels();
            if (o instanceof Namespace) {
                namespaces.put(name, new NamespaceInfo(name, labels));
            } else if (o instanceof Pod pod) {
                String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
                pods.put(ns + "/" + name, PodInfo.of(ns, name, labels, ip, pod.getSpec()));
            } else if (o instanceof Service svc) {
                svc.getMetadata().setNamespace(ns);
                services.put(ns + "/" + name, svc);
            } else if (o instanceof NetworkPolicy np) {
                List<FieldError> errors = PolicyValidator.validate(np);
                for (FieldError e : errors) {
                    problems.add(ko.problem(e.path(), e.toString()));
                }
                if (errors.isEmpty()) {
                    np.getMetadata().setNamespace(ns);
                    policies.put(ns + "/" + name, np);
                }
            } else {
                PodTemplateSpec template = template(o);
                if (template != null) {
                    Map<String, String> podLabels = template.getMetadata() == null || template.getMetadata().getLabels() == null
                            ? Map.of() : template.getMetadata().getLabels();
                    pods.put(ns + "/" + name, PodInfo.of(ns, name, podLabels, null, template.getSpec()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Manifests(List.copyOf(namespaces.values()), List.copyOf(pods.values()), List.copyOf(policies.values()),
                List.copyOf(services.values()));
    }

    private static PodTemplateSpec template(HasMetadata o) {
        if (o instanceof Deployment d && d.getSpec() != null) {
            return d.getSpec().getTemplate();
        }
        if (o instanceof StatefulSet s && s.getSpec() != null) {
            return s.getSpec().getTemplate();
        }
        if (o instanceof DaemonSet ds && ds.getSpec() != null) {
            return ds.getSpec().getTemplate();
        }
        if (o instanceof ReplicaSet rs && rs.getSpec() != null) {
            return rs.getSpec().getTemplate();
        }
        if (o instanceof Job j && j.getSpec() != null) {
            return j.getSpec().getTemplate();
        }
        return null;
    }

    public Topology topology() {
        return new Topology(namespaces, pods);
    }

    public PolicyEngine engine() {
        return PolicyEngine.compile(topology(), policies);
    }
}
