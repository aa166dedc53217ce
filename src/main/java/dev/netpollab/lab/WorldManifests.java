package dev.netpollab.lab;

import dev.netpollab.policy.Protocol;
import dev.netpollab.scenario.World;
import dev.netpollab.scenario.WorldNamespace;
import dev.netpollab.scenario.WorldPod;
import dev.netpollab.scenario.WorldPort;
import dev.netpollab.scenario.WorldService;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes objects that realise a scenario's world, the same in every lab: namespaces (labelled
 * as managed by netpol-lab), agnhost pods serving each declared port (TCP as HTTP via {@code porter},
 * UDP as echo), and ClusterIP Services.
 */
public final class WorldManifests {
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGER = "netpol-lab";
    /** Which scenario created a namespace, so a lab can find and remove what it made. */
    public static final String SCENARIO_ANNOTATION = "netpol-lab.dev/scenario";

    private WorldManifests() {
    }

    public record Objects(List<Namespace> namespaces, List<Pod> pods, List<Service> services) {
    }

    /**
     * @param withDns also create kube-system/coredns (the embedded lab has no real DNS server; real clusters do)
     */
    public static Objects of(String scenarioId, World world, boolean withDns) {
        List<Namespace> ns = new ArrayList<>();
        for (WorldNamespace n : world.namespaces()) {
            if (n.name().equals(World.DNS_NAMESPACE)) {
                if (withDns) {
                    ns.add(new NamespaceBuilder().withNewMetadata().withName(n.name()).withLabels(n.labels()).endMetadata().build());
                }
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>(n.labels());
            labels.put(MANAGED_BY, MANAGER);
            ns.add(new NamespaceBuilder().withNewMetadata().withName(n.name()).withLabels(labels)
                    .addToAnnotations(SCENARIO_ANNOTATION, scenarioId).endMetadata().build());
        }
        List<Pod> pods = new ArrayList<>();
        for (WorldPod p : world.pods()) {
            if (World.isImplicitDns(p) && !withDns) {
                continue;
            }
            pods.add(pod(p));
        }
        List<Service> services = world.services().stream().map(WorldManifests::service).toList();
        return new Objects(ns, pods, services);
    }

    /** agnhost {@code porter} serves every TCP port over HTTP and echoes on every UDP port of the pod. */
    static Pod pod(WorldPod p) {
        List<EnvVar> env = new ArrayList<>();
        var ports = new ArrayList<io.fabric8.kubernetes.api.model.ContainerPort>();
        Integer firstTcp = null;
        for (WorldPort wp : p.ports()) {
            String var = switch (wp.protocol()) {
                case TCP -> "SERVE_PORT_";
                case UDP -> "SERVE_UDP_PORT_";
                case SCTP -> "SERVE_SCTP_PORT_";
            };
            env.add(new EnvVar(var + wp.port(), p.name(), null));
            ports.add(new ContainerPortBuilder().withContainerPort(wp.port()).withName(wp.name()).withProtocol(wp.protocol().name()).build());
            if (firstTcp == null && wp.protocol() == Protocol.TCP) {
                firstTcp = wp.port();
            }
        }
        PodBuilder b = new PodBuilder().withNewMetadata().withName(p.name()).withNamespace(p.namespace()).withLabels(p.labels()).endMetadata()
                .withNewSpec().withTerminationGracePeriodSeconds(0L).withAutomountServiceAccountToken(false)
                .addNewContainer().withName("serve").withImage(LabImages.probe()).withImagePullPolicy("IfNotPresent")
                .withArgs("porter").withEnv(env).withPorts(ports).endContainer().endSpec();
        Pod pod = b.build();
        if (firstTcp != null) {
            pod.getSpec().getContainers().get(0).setReadinessProbe(new io.fabric8.kubernetes.api.model.ProbeBuilder()
                    .withNewTcpSocket().withPort(new IntOrString(firstTcp)).endTcpSocket().withPeriodSeconds(1).build());
        }
        return pod;
    }

    static Service service(WorldService s) {
        ServiceBuilder b = new ServiceBuilder().withNewMetadata().withName(s.name()).withNamespace(s.namespace()).endMetadata()
                .withNewSpec().withSelector(s.selector()).withType("ClusterIP").endSpec();
        Service svc = b.build();
        for (WorldService.Port p : s.ports()) {
            IntOrString target = p.targetPort().chars().allMatch(Character::isDigit) ? new IntOrString(Integer.parseInt(p.targetPort()))
                    : new IntOrString(p.targetPort());
            svc.getSpec().getPorts().add(new ServicePortBuilder().withPort(p.port()).withTargetPort(target).withProtocol(p.protocol().name())
                    .withName(p.name() != null ? p.name() : s.ports().size() > 1 ? p.protocol().name().toLowerCase() + "-" + p.port() : null).build());
        }
        return svc;
    }
}
