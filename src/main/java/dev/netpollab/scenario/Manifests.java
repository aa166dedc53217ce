package dev.netpollab.scenario;

import dev.netpollab.policy.FieldError;
import dev.netpollab.policy.NamespaceInfo;
import dev.netpollab.policy.PodInfo;
import dev.netpollab.policy.PolicyEngine;
import dev.netpollab.policy.PolicyValidator;
import dev.netpollab.policy.Suggest;
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
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The objects of a set of manifest files as the engine needs them (the analyze contract): namespaces,
 * pods (a workload's pod template stands for one pod named after the workload), Services and NetworkPolicies.
 * Objects without a namespace are in {@code default}. Every other object is skipped with a warning that
 * says why, so that a typo ({@code kind: NetworkPolicyy}) or an API version the API server no longer serves
 * never silently changes the answer. The same object defined twice is an error, as is input with nothing in it.
 *
 * @param warnings objects that were skipped, and why; the caller shows them
 */
public record Manifests(List<NamespaceInfo> namespaces, List<PodInfo> pods, List<NetworkPolicy> policies, List<Service> services,
                        List<YamlProblem> warnings) {
    /** The kinds analyze reads, with the one API version the API server serves for each. */
    static final Map<String, String> READ_KINDS = Map.of("Namespace", "v1", "Pod", "v1", "Service", "v1",
            "Deployment", "apps/v1", "StatefulSet", "apps/v1", "DaemonSet", "apps/v1", "ReplicaSet", "apps/v1",
            "Job", "batch/v1", "NetworkPolicy", "networking.k8s.io/v1");

    public Manifests {
        namespaces = List.copyOf(namespaces);
        pods = List.copyOf(pods);
        policies = List.copyOf(policies);
        services = List.copyOf(services);
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads files and directories (recursively, {@code *.yaml}/{@code *.yml}, following symbolic links to
     * directories once each) in a stable order. Each file is streamed: only what the engine needs is kept.
     */
    public static Manifests read(List<Path> paths) throws InvalidInputException {
        List<YamlProblem> problems = new ArrayList<>();
        List<YamlProblem> warnings = new ArrayList<>();
        List<Path> files = expand(paths, problems, warnings);
        Builder b = new Builder(problems, warnings);
        for (Path f : files) {
            if (problems.size() >= InputLimits.MAX_PROBLEMS) {
                break;
            }
            KubeYaml.stream(f, null, null, b::add, problems::add);
        }
        YamlProblem nothing = null;
        if (problems.isEmpty() && b.empty()) {
            problems.addAll(warnings);
            String where = String.join(", ", paths.stream().map(Path::toString).toList());
            nothing = new YamlProblem(where, 0, 0, "", files.isEmpty()
                    ? "no YAML files (*.yaml, *.yml) found: nothing to analyze"
                    : "no Namespace, Pod, workload, Service or NetworkPolicy found in " + files.size() + " file(s): nothing to analyze");
        }
        if (!problems.isEmpty() || nothing != null) {
            problems.sort(Comparator.comparing(YamlProblem::file).thenComparingInt(YamlProblem::line).thenComparingInt(YamlProblem::column));
            if (nothing != null) {
                problems.add(nothing);
            }
            throw new InvalidInputException(problems);
        }
        return b.build();
    }

    /**
     * The YAML files under the paths, each once; a directory reached twice through links is read once, a link
     * back to a directory above is skipped with a warning, an unreadable directory is a problem.
     */
    public static List<Path> expand(List<Path> paths, List<YamlProblem> problems, List<YamlProblem> warnings) {
        List<Path> files = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                walk(p, files, seen, problems, warnings);
            } else if (Files.exists(p)) {
                // A file, or a pipe such as <(kubectl get netpol -A -o yaml): read as given.
                if (seen.add(real(p))) {
                    files.add(p);
                }
            } else {
                problems.add(new YamlProblem(p.toString(), 0, 0, "", Files.isSymbolicLink(p) ? "a broken symbolic link" : "no such file or directory"));
            }
        }
        return files;
    }

    private static void walk(Path root, List<Path> files, Set<Path> seen, List<YamlProblem> problems, List<YamlProblem> warnings) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (isYaml(file)) {
                        if (!attrs.isRegularFile()) {
                            warnings.add(new YamlProblem(file.toString(), 0, 0, "", "skipped: not a regular file"));
                        } else if (seen.add(real(file))) {
                            found.add(file);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (e instanceof FileSystemLoopException) {
                        warnings.add(new YamlProblem(file.toString(), 0, 0, "", "skipped: a symbolic link back to a directory above it"));
                    } else if (Files.isSymbolicLink(file) && !Files.exists(file)) {
                        if (isYaml(file)) {
                            warnings.add(new YamlProblem(file.toString(), 0, 0, "", "skipped: a broken symbolic link"));
                        }
                    } else {
                        problems.add(new YamlProblem(file.toString(), 0, 0, "", "cannot read: " + IoMessages.of(e)));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add(new YamlProblem(root.toString(), 0, 0, "", "cannot read directory: " + IoMessages.of(e)));
        }
        found.sort(Comparator.naturalOrder());
        files.addAll(found);
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    public static boolean isYaml(Path p) {
        Path name = p.getFileName();
        if (name == null) {
            return false;
        }
        String n = name.toString();
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    /**
     * Builds the engine's inputs from objects already read, validating every NetworkPolicy as the API server would.
     */
    public static Manifests of(List<KubeYaml.KubeObject> objects) throws InvalidInputException {
        List<YamlProblem> problems = new ArrayList<>();
        Builder b = new Builder(problems, new ArrayList<>());
        objects.forEach(b::add);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return b.build();
    }

    /** Keeps of each object what the engine needs, as objects stream in. */
    private static final class Builder {
        private final List<YamlProblem> problems;
        private final List<YamlProblem> warnings;
        private final Map<String, NamespaceInfo> namespaces = new LinkedHashMap<>();
        private final Map<String, PodInfo> pods = new LinkedHashMap<>();
        private final Map<String, NetworkPolicy> policies = new LinkedHashMap<>();
        private final Map<String, Service> services = new LinkedHashMap<>();
        /** Where each object (and each pod a workload stands for) was defined, to name both sides of a duplicate. */
        private final Map<String, String[]> origins = new LinkedHashMap<>();

        Builder(List<YamlProblem> problems, List<YamlProblem> warnings) {
            this.problems = problems;
            this.warnings = warnings;
        }

        boolean empty() {
            return namespaces.isEmpty() && pods.isEmpty() && policies.isEmpty() && services.isEmpty();
        }

        Manifests build() {
            return new Manifests(List.copyOf(namespaces.values()), List.copyOf(pods.values()), List.copyOf(policies.values()),
                    List.copyOf(services.values()), warnings);
        }

        void add(KubeYaml.KubeObject ko) {
            HasMetadata o = ko.object();
            String kind = o.getKind();
            String apiVersion = o.getApiVersion();
            String expected = READ_KINDS.get(kind);
            if (expected == null) {
                String guess = Suggest.closest(kind, READ_KINDS.keySet()).map(k -> "; did you mean \"" + k + "\"?").orElse("");
                warnings.add(ko.problem("kind", "skipped: analyze does not read kind \"" + kind + "\" (it reads "
                        + String.join(", ", new java.util.TreeSet<>(READ_KINDS.keySet())) + ")" + guess));
                return;
            }
            if (!expected.equals(apiVersion)) {
                warnings.add(ko.problem("apiVersion", "skipped: apiVersion " + apiVersion + " is not served for " + kind
                        + " by current Kubernetes; use " + expected));
                return;
            }
            String name = o.getMetadata() == null ? null : o.getMetadata().getName();
            if (name == null || name.isEmpty()) {
                problems.add(ko.problem("metadata.name", "metadata.name: Required value: name or generateName is required"));
                return;
            }
            String ns = o.getMetadata().getNamespace() == null || o.getMetadata().getNamespace().isEmpty() ? "default"
                    : o.getMetadata().getNamespace();
            Map<String, String> labels = o.getMetadata().getLabels() == null ? Map.of() : o.getMetadata().getLabels();
            String where = ko.file() + ":" + ko.line();
            String self = kind + " " + (o instanceof Namespace ? name : ns + "/" + name);
            if (!unique(ko, self, self, where)) {
                return;
            }
            if (!valid(ko, PolicyValidator.labelErrors("metadata.labels", labels))) {
                return;
            }
            if (o instanceof Namespace) {
                namespaces.put(name, new NamespaceInfo(name, labels));
            } else if (o instanceof Pod pod) {
                if (unique(ko, "pod " + ns + "/" + name, self, where)) {
                    String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
                    pods.put(ns + "/" + name, PodInfo.of(ns, name, labels, ip, pod.getSpec()));
                }
            } else if (o instanceof Service svc) {
                svc.getMetadata().setNamespace(ns);
                services.put(ns + "/" + name, svc);
            } else if (o instanceof NetworkPolicy np) {
                if (valid(ko, PolicyValidator.validate(np))) {
                    np.getMetadata().setNamespace(ns);
                    policies.put(ns + "/" + name, np);
                }
            } else {
                PodTemplateSpec template = template(o);
                if (template == null) {
                    warnings.add(ko.problem("spec.template", "skipped: no pod template, so it stands for no pod"));
                    return;
                }
                Map<String, String> podLabels = template.getMetadata() == null || template.getMetadata().getLabels() == null
                        ? Map.of() : template.getMetadata().getLabels();
                if (valid(ko, PolicyValidator.labelErrors("spec.template.metadata.labels", podLabels))
                        && unique(ko, "pod " + ns + "/" + name, self + " (its pod template)", where)) {
                    pods.put(ns + "/" + name, PodInfo.of(ns, name, podLabels, null, template.getSpec()));
                }
            }
        }

        /** False (and a problem naming both places) when the key was defined before. */
        private boolean unique(KubeYaml.KubeObject ko, String key, String what, String where) {
            String[] first = origins.putIfAbsent(key, new String[]{what, where});
            if (first == null) {
                return true;
            }
            problems.add(ko.problem("metadata.name", "metadata.name: Duplicate value: " + (key.equals(what) && key.equals(first[0])
                    ? key + " is defined twice; the first is at " + first[1]
                    : what + " stands for " + key + ", which " + first[0] + " at " + first[1] + " already defines")));
            return false;
        }

        private boolean valid(KubeYaml.KubeObject ko, List<FieldError> errors) {
            for (FieldError e : errors) {
                problems.add(ko.problem(e.path(), e.toString()));
            }
            return errors.isEmpty();
        }
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
