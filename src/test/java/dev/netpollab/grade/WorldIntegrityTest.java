package dev.netpollab.grade;

import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.lab.OfflineCluster;
import dev.netpollab.lab.Snapshots;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** worldImmutable covers kube-system, container ports and Service ports, without false alarms on real clusters. */
class WorldIntegrityTest {
    private static final ScenarioLibrary LIB = ScenarioLibrary.load(List.of());
    /** A scenario with a Service whose targetPort is a name, and worldImmutable. */
    private static final Scenario SVC = LIB.scenarios().stream().filter(s -> !s.world().services().isEmpty() && s.rules().worldImmutable()
            && s.world().services().get(0).ports().get(0).targetPort().chars().anyMatch(Character::isLetter)).findFirst().orElseThrow();

    private static ClusterSnapshot untouched() {
        return OfflineCluster.snapshot(SVC, SVC.brokenPolicies());
    }

    private static ClusterSnapshot withPods(ClusterSnapshot s, UnaryOperator<List<Pod>> change) {
        return new ClusterSnapshot(s.namespaces(), change.apply(new ArrayList<>(s.pods())), s.services(), s.policies(), s.externals());
    }

    @Test
    void theWorldAsSetUpHasNoDifferences() {
        assertThat(WorldIntegrity.differences(SVC, untouched())).isEmpty();
    }

    @Test
    void labellingKubeSystemIsADifference() {
        ClusterSnapshot s = untouched();
        List<Namespace> ns = s.namespaces().stream().map(n -> n.getMetadata().getName().equals("kube-system")
                ? new NamespaceBuilder(n).editMetadata().addToLabels("team", "shop").endMetadata().build() : n).toList();
        assertThat(WorldIntegrity.differences(SVC, new ClusterSnapshot(ns, s.pods(), s.services(), s.policies(), s.externals())))
                .containsExactly("namespace kube-system: label team=shop was added");
    }

    @Test
    void aPodAddedByHandInKubeSystemIsADifferenceButAControllersPodIsNot() {
        Pod bare = new PodBuilder().withNewMetadata().withName("sneaky").withNamespace("kube-system").addToLabels("k8s-app", "kube-dns")
                .endMetadata().build();
        assertThat(WorldIntegrity.differences(SVC, withPods(untouched(), p -> {
            p.add(bare);
            return p;
        }))).containsExactly("pod kube-system/sneaky was added");
        Pod owned = new PodBuilder(bare).editMetadata().withName("coredns-5d78c9869d-x2x9z").addToLabels("pod-template-hash", "5d78c9869d")
                .withOwnerReferences(new OwnerReferenceBuilder().withKind("ReplicaSet").withName("coredns-5d78c9869d").build()).endMetadata().build();
        assertThat(WorldIntegrity.differences(SVC, withPods(untouched(), p -> {
            p.add(owned);
            return p;
        }))).isEmpty();
    }

    @Test
    void relabellingTheDnsPodIsADifference() {
        assertThat(WorldIntegrity.differences(SVC, withPods(untouched(), pods -> pods.stream().map(p -> p.getMetadata().getName().equals("coredns")
                ? new PodBuilder(p).editMetadata().addToLabels("app", "dns").endMetadata().build() : p).toList())))
                .containsExactly("pod kube-system/coredns: label app=dns was added");
    }

    @Test
    void onARealClusterTheDnsPodsOwnLabelsAndPortsAreNoDifference() {
        // The stand-in for CoreDNS on k3s: the world's labels and ports, plus what its Deployment adds.
        assertThat(WorldIntegrity.differences(SVC, withPods(untouched(), pods -> pods.stream().map(p -> p.getMetadata().getName().equals("coredns")
                ? new PodBuilder(p).editMetadata().addToLabels("pod-template-hash", "abc").addToAnnotations(Snapshots.ALIAS_OF, "coredns-abc-1")
                .endMetadata().editSpec().editFirstContainer().addNewPort().withContainerPort(9153).withName("metrics").endPort().endContainer()
                .endSpec().build() : p).toList()))).isEmpty();
    }

    @Test
    void renamingOrAddingAContainerPortIsADifference() {
        String target = SVC.world().services().get(0).ports().get(0).targetPort();
        var pod = SVC.world().pods().stream().filter(p -> p.named(target).isPresent()).findFirst().orElseThrow();
        int port = pod.named(target).orElseThrow().port();
        ClusterSnapshot renamed = withPods(untouched(), pods -> pods.stream().map(p -> p.getMetadata().getName().equals(pod.name())
                && p.getMetadata().getNamespace().equals(pod.namespace()) ? new PodBuilder(p).editSpec().editFirstContainer()
                .editMatchingPort(cp -> cp.getContainerPort() == port).withName("renamed").endPort().addNewPort().withContainerPort(9999).endPort()
                .endContainer().endSpec().build() : p).toList());
        assertThat(WorldIntegrity.differences(SVC, renamed)).containsExactlyInAnyOrder(
                "pod " + pod.id() + ": container port " + port + "/TCP was renamed from \"" + target + "\" to \"renamed\"",
                "pod " + pod.id() + ": container port 9999/TCP was added");
    }

    @Test
    void changingAServicePortIsADifference() {
        ClusterSnapshot s = untouched();
        Service original = s.services().get(0);
        var first = original.getSpec().getPorts().get(0);
        Service changed = new ServiceBuilder(original).editSpec().editFirstPort().withTargetPort(new IntOrString(4242)).endPort()
                .addToPorts(new ServicePortBuilder().withPort(12345).withProtocol("TCP").withTargetPort(new IntOrString(12345)).build()).endSpec().build();
        List<Service> services = new ArrayList<>(s.services());
        services.set(0, changed);
        String id = original.getMetadata().getNamespace() + "/" + original.getMetadata().getName();
        assertThat(WorldIntegrity.differences(SVC, new ClusterSnapshot(s.namespaces(), s.pods(), services, s.policies(), s.externals())))
                .contains("service " + id + ": port " + first.getPort() + "/TCP now forwards to targetPort 4242 instead of "
                        + first.getTargetPort().getStrVal(), "service " + id + ": port 12345/TCP was added");
    }
}
