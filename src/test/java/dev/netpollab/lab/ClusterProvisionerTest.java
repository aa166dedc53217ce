package dev.netpollab.lab;

import dev.netpollab.policy.Protocol;
import dev.netpollab.scenario.World;
import dev.netpollab.scenario.WorldNamespace;
import dev.netpollab.scenario.WorldPod;
import dev.netpollab.scenario.WorldPort;
import dev.netpollab.scenario.WorldService;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Provisioning and reset as the k3s and cluster labs do them, against an API server (the embedded lab's
 * mock, which behaves like one for namespaces, ServiceAccounts, pod IPs and readiness).
 */
class ClusterProvisionerTest {
    @RegisterExtension
    static final ApiServer API = new ApiServer();
    private final KubernetesClient client = API.client();
    private final List<String> progress = new ArrayList<>();
    private final LabProgress record = (phase, done, total) -> progress.add(phase + (total > 0 ? " " + done + "/" + total : ""));

    static final World WORLD = new World(
            List.of(new WorldNamespace("shop", Map.of("team", "shop")), new WorldNamespace("default", Map.of())),
            List.of(new WorldPod("shop", "api", Map.of("app", "api"), List.of(new WorldPort(8080, "http", Protocol.TCP), new WorldPort(5353, "dns", Protocol.UDP))),
                    new WorldPod("default", "client", Map.of("app", "client"), List.of())),
            List.of(new WorldService("shop", "api", Map.of("app", "api"), List.of(new WorldService.Port(80, "http", Protocol.TCP, null)))),
            List.of()).withImplicitDns();

    @BeforeEach
    void clean() {
        ClusterProvisioner.delete(client, WorldManifests.of("s", WORLD, false), LabProgress.NONE);
    }

    @Test
    @DisplayName("create: labelled namespaces, then agnhost pods serving each port, then services; waits for readiness with progress")
    void create() {
        ClusterProvisioner.create(client, WorldManifests.of("s", WORLD, false), record);

        var shop = client.namespaces().withName("shop").get();
        assertThat(shop.getMetadata().getLabels()).containsEntry("team", "shop").containsEntry(WorldManifests.MANAGED_BY, "netpol-lab");
        assertThat(shop.getMetadata().getAnnotations()).containsEntry(WorldManifests.SCENARIO_ANNOTATION, "s");
        assertThat(client.pods().inNamespace("kube-system").withName("coredns").get()).as("real clusters bring their own DNS").isNull();

        Pod pod = client.pods().inNamespace("shop").withName("api").get();
        Container c = pod.getSpec().getContainers().get(0);
        assertThat(c.getImage()).isEqualTo(LabImages.probe()).doesNotEndWith(":latest");
        assertThat(c.getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(c.getArgs()).containsExactly("porter");
        assertThat(c.getEnv()).extracting(e -> e.getName()).containsExactly("SERVE_PORT_8080", "SERVE_UDP_PORT_5353");
        assertThat(c.getReadinessProbe().getTcpSocket().getPort().getIntVal()).isEqualTo(8080);
        assertThat(pod.getSpec().getTerminationGracePeriodSeconds()).isZero();
        assertThat(client.pods().inNamespace("default").withName("client").get().getSpec().getContainers().get(0).getReadinessProbe())
                .as("a pod without TCP ports has nothing to probe for readiness").isNull();
        assertThat(client.services().inNamespace("shop").withName("api").get().getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");

        assertThat(progress).contains("pods ready 2/2").anyMatch(p -> p.startsWith("pods ready"));
    }

    @Test
    @DisplayName("reset = delete (own namespaces gone, shared default emptied of the world and its policies) then create again")
    void reset() {
        var objs = WorldManifests.of("s", WORLD, false);
        ClusterProvisioner.create(client, objs, LabProgress.NONE);
        client.resource(new NetworkPolicyBuilder().withNewMetadata().withName("learner").withNamespace("default").endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().endSpec().build()).create();
        client.pods().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.PodBuilder().withNewMetadata().withName("not-ours")
                .endMetadata().withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().build()).create();

        ClusterProvisioner.delete(client, objs, record);

        assertThat(client.namespaces().withName("shop").get()).isNull();
        assertThat(client.pods().inNamespace("shop").list().getItems()).as("a namespace takes its contents with it").isEmpty();
        assertThat(client.pods().inNamespace("default").withName("client").get()).isNull();
        assertThat(client.network().networkPolicies().inNamespace("default").list().getItems()).isEmpty();
        assertThat(client.pods().inNamespace("default").withName("not-ours").get()).as("only the world's own objects in shared namespaces").isNotNull();
        assertThat(progress).contains("deleting namespaces 1/1");

        ClusterProvisioner.create(client, objs, LabProgress.NONE);
        assertThat(client.pods().inNamespace("shop").withName("api").get()).isNotNull();
        assertThat(ClusterProvisioner.readyPods(client, objs.pods())).isEqualTo(2);
    }

    @Test
    @DisplayName("create twice is harmless: existing objects are kept, not duplicated or failed on")
    void idempotent() {
        var objs = WorldManifests.of("s", WORLD, false);
        ClusterProvisioner.create(client, objs, LabProgress.NONE);
        ClusterProvisioner.create(client, objs, LabProgress.NONE);
        assertThat(client.pods().inNamespace("shop").list().getItems()).hasSize(1);
    }

    @Test
    @DisplayName("await keeps polling through API errors, and a timeout names what it waited for")
    void await() {
        AtomicInteger calls = new AtomicInteger();
        ClusterProvisioner.await("x", 5, LabProgress.NONE, () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("connection refused");
            }
            return true;
        });
        assertThat(calls).hasValue(3);

        assertThatThrownBy(() -> ClusterProvisioner.await("calico-node to be ready", 1, record, () -> false))
                .isInstanceOf(LabException.class).hasMessage("timed out after 1 s waiting for calico-node to be ready");
        assertThat(progress).first().asString().startsWith("waiting for calico-node to be ready (0 s)");
    }
}
