package dev.netpollab.lab;

import dev.netpollab.scenario.KubeYaml;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A cluster's state for a diagnostics bundle, read through its API: what {@code kubectl get pods -A -o wide},
 * {@code get events -A}, {@code describe nodes} and the logs of Calico, CoreDNS and the kube-system pods
 * would show. Each part is collected on its own, so one that fails does not lose the others.
 */
public final class ClusterState {
    /** kube-system pods whose logs explain a dataplane that does not enforce, by name prefix. */
    static final List<String> LOGGED = List.of("calico-node", "calico-kube-controllers", "coredns");
    private static final int TAIL = 3000;

    private ClusterState() {
    }

    public static void collect(KubernetesClient client, DiagnosticsBundle b) {
        b.collect("server-version.txt", () -> {
            VersionInfo v = client.getKubernetesVersion();
            return v.getGitVersion() + " " + v.getPlatform() + "\n";
        });
        b.collect("pods-wide.txt", () -> podsWide(client.pods().inAnyNamespace().list().getItems()));
        b.collect("events.txt", () -> events(client.v1().events().inAnyNamespace().list().getItems()));
        b.collect("nodes.txt", () -> nodes(client.nodes().list().getItems()));
        b.collect("networkpolicies.yaml", () -> client.network().networkPolicies().inAnyNamespace().list().getItems().stream()
                .map(KubeYaml::toYaml).collect(Collectors.joining("---\n")));
        b.collect("kube-system-workloads.txt", () -> client.apps().daemonSets().inNamespace("kube-system").list().getItems().stream()
                .map(d -> "daemonset/" + d.getMetadata().getName() + " desired=" + (d.getStatus() == null ? "?" : d.getStatus().getDesiredNumberScheduled())
                        + " ready=" + (d.getStatus() == null ? "?" : d.getStatus().getNumberReady()))
                .collect(Collectors.joining("\n")) + "\n" + client.apps().deployments().inNamespace("kube-system").list().getItems().stream()
                .map(d -> "deployment/" + d.getMetadata().getName() + " available=" + (d.getStatus() == null ? "?" : d.getStatus().getAvailableReplicas()))
                .collect(Collectors.joining("\n")) + "\n");
        List<Pod> system;
        try {
            system = client.pods().inNamespace("kube-system").list().getItems();
        } catch (RuntimeException e) {
            b.write("logs/README.txt", "could not list kube-system pods: " + LabException.rootMessage(e) + "\n");
            return;
        }
        StringBuilder felix = new StringBuilder();
        for (Pod p : system) {
            String name = p.getMetadata().getName();
            if (LOGGED.stream().noneMatch(name::startsWith)) {
                continue;
            }
            List<String> containers = new ArrayList<>();
            p.getSpec().getInitContainers().forEach(c -> containers.add(c.getName()));
            p.getSpec().getContainers().forEach(c -> containers.add(c.getName()));
            for (String c : containers) {
                String file = "logs/" + name + "_" + c + ".log";
                b.collect(file, () -> {
                    String log = client.pods().inNamespace("kube-system").withName(name).inContainer(c).tailingLines(TAIL).getLog();
                    if (name.startsWith("calico-node") && c.equals("calico-node") && log != null) {
                        // Felix runs inside calico-node and logs there; its lines carry the felix/ source prefix.
                        log.lines().filter(l -> l.contains("felix/")).forEach(l -> felix.append(name).append(": ").append(l).append('\n'));
                    }
                    return log;
                });
            }
        }
        b.write("felix.log", felix.length() == 0 ? "no felix lines (no calico-node pod, or its log could not be read)\n" : felix.toString());
    }

    static String podsWide(List<Pod> pods) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-28s %-44s %-6s %-18s %-9s %-16s %s%n",
                "NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "IP", "NODE"));
        for (Pod p : pods.stream().sorted(Comparator.comparing((Pod p) -> p.getMetadata().getNamespace()).thenComparing(p -> p.getMetadata().getName())).toList()) {
            List<ContainerStatus> cs = p.getStatus() == null || p.getStatus().getContainerStatuses() == null ? List.of() : p.getStatus().getContainerStatuses();
            long ready = cs.stream().filter(c -> Boolean.TRUE.equals(c.getReady())).count();
            int restarts = cs.stream().mapToInt(c -> c.getRestartCount() == null ? 0 : c.getRestartCount()).sum();
            String status = cs.stream().map(c -> c.getState() != null && c.getState().getWaiting() != null ? c.getState().getWaiting().getReason() : null)
                    .filter(Objects::nonNull).findFirst().orElse(p.getStatus() == null ? "?" : p.getStatus().getPhase());
            b.append(String.format(Locale.ROOT, "%-28s %-44s %-6s %-18s %-9d %-16s %s%n", p.getMetadata().getNamespace(), p.getMetadata().getName(),
                    ready + "/" + p.getSpec().getContainers().size(), status, restarts,
                    p.getStatus() == null ? "" : Objects.toString(p.getStatus().getPodIP(), "<none>"), Objects.toString(p.getSpec().getNodeName(), "<none>")));
        }
        return b.toString();
    }

    static String events(List<Event> events) {
        return events.stream().sorted(Comparator.comparing(ClusterState::when)).map(e -> String.join("  ", when(e), e.getMetadata().getNamespace(),
                Objects.toString(e.getType(), ""), Objects.toString(e.getReason(), ""),
                e.getInvolvedObject() == null ? "" : e.getInvolvedObject().getKind() + "/" + e.getInvolvedObject().getName(),
                Objects.toString(e.getMessage(), "").strip())).collect(Collectors.joining("\n", "", "\n"));
    }

    private static String when(Event e) {
        return Stream.of(e.getLastTimestamp(), e.getEventTime() == null ? null : e.getEventTime().getTime(), e.getFirstTimestamp(),
                e.getMetadata().getCreationTimestamp()).filter(Objects::nonNull).findFirst().orElse("");
    }

    static String nodes(List<Node> nodes) {
        StringBuilder b = new StringBuilder();
        for (Node n : nodes) {
            b.append("node ").append(n.getMetadata().getName()).append('\n');
            if (n.getStatus() != null && n.getStatus().getNodeInfo() != null) {
                var i = n.getStatus().getNodeInfo();
                b.append("  kubelet ").append(i.getKubeletVersion()).append(", ").append(i.getContainerRuntimeVersion()).append(", ")
                        .append(i.getOsImage()).append(", kernel ").append(i.getKernelVersion()).append(", ").append(i.getArchitecture()).append('\n');
            }
            if (n.getStatus() != null && n.getStatus().getAddresses() != null) {
                n.getStatus().getAddresses().forEach(a -> b.append("  address ").append(a.getType()).append(' ').append(a.getAddress()).append('\n'));
            }
            if (n.getStatus() != null && n.getStatus().getConditions() != null) {
                for (NodeCondition c : n.getStatus().getConditions()) {
                    b.append("  ").append(c.getType()).append('=').append(c.getStatus()).append(' ').append(Objects.toString(c.getReason(), ""))
                            .append(": ").append(Objects.toString(c.getMessage(), "")).append('\n');
                }
            }
            if (n.getSpec() != null && n.getSpec().getTaints() != null) {
                n.getSpec().getTaints().forEach(t -> b.append("  taint ").append(t.getKey()).append('=').append(Objects.toString(t.getValue(), ""))
                        .append(':').append(t.getEffect()).append('\n'));
            }
        }
        return b.toString();
    }

    /** Versions of what runs here: netpol-lab, Java, the OS, and the libraries that talk to clusters and Docker. */
    public static String versions() {
        return "netpol-lab " + Objects.toString(ClusterState.class.getPackage().getImplementationVersion(), "dev") + "\n"
                + "java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")\n"
                + "os " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch") + "\n"
                + "fabric8 kubernetes-client " + mavenVersion("io.fabric8", "kubernetes-client-api") + "\n"
                + "probe image " + LabImages.probe() + "\n";
    }

    /** A library's version from the Maven metadata the jar keeps, or "?" where it is not kept. */
    static String mavenVersion(String group, String artifact) {
        try (var in = ClusterState.class.getResourceAsStream("/META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
            if (in == null) {
                return "?";
            }
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version", "?");
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
