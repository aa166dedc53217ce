package dev.netpollab.lab;

import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.scenario.ScenarioTexts;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded lab behaves like an API server where the mock alone would not. */
class EmbeddedLabTest {
    private static EmbeddedLab lab;
    private static Scenario scenario;

    @BeforeAll
    static void start() throws Exception {
        lab = EmbeddedLab.start();
        Path dir = Files.createTempDirectory("scn");
        Files.writeString(dir.resolve("s.yaml"), ScenarioTexts.VALID);
        scenario = ScenarioLibrary.loadPaths(List.of(dir)).scenarios().get(0);
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    @BeforeEach
    void fresh() {
        lab.teardown(scenario, LabProgress.NONE);
        lab.provision(scenario, LabProgress.NONE);
        lab.applyBroken(scenario);
    }

    private static NetworkPolicy np(String yaml) {
        return Serialization.unmarshal(yaml, NetworkPolicy.class);
    }

    @Test
    @DisplayName("provisioning creates namespaces with the name label, running pods with IPs, services with ClusterIPs")
    void provision() {
        Namespace shop = lab.client().namespaces().withName("shop").get();
        assertThat(shop.getMetadata().getLabels()).containsEntry("kubernetes.io/metadata.name", "shop").containsEntry("team", "shop");
        Pod db = lab.client().pods().inNamespace("shop").withName("db").get();
        assertThat(db.getStatus().getPodIP()).startsWith("10.42.");
        assertThat(ClusterSnapshot.ready(db)).isTrue();
        assertThat(db.getSpec().getContainers().get(0).getImage()).isEqualTo(LabImages.probe());
        assertThat(lab.client().services().inNamespace("shop").withName("db").get().getSpec().getClusterIP()).startsWith("10.43.");
        assertThat(lab.client().pods().inNamespace("kube-system").withName("coredns").get()).isNotNull();
    }

    @Test
    @DisplayName("the snapshot holds the world, the broken policies and the DNS pod")
    void snapshot() {
        ClusterSnapshot snap = lab.snapshot(scenario);
        assertThat(snap.pods()).extracting(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName())
                .containsExactlyInAnyOrder("shop/frontend", "shop/db", "dev/tester", "kube-system/coredns");
        assertThat(snap.policies()).extracting(p -> p.getMetadata().getName()).containsExactly("db-ingress");
        assertThat(snap.topology().pods()).allSatisfy(p -> assertThat(p.ip()).isNotNull());
    }

    @Test
    @DisplayName("an invalid policy is rejected with 422 and every field error, as the API server words it")
    void rejectsInvalid() {
        NetworkPolicy bad = np("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: bad, namespace: shop}
                spec:
                  podSelector: {}
                  ingress: [{from: [{ipBlock: {cidr: 10.0.0/8}}], ports: [{port: 0}]}]
                """);
        assertThatThrownBy(() -> lab.client().resource(bad).create()).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(422);
            assertThat(e.getStatus().getMessage()).isEqualTo("NetworkPolicy.networking.k8s.io \"bad\" is invalid: ["
                    + "spec.ingress[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive, "
                    + "spec.ingress[0].from[0].ipBlock.cidr: Invalid value: \"10.0.0/8\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)]");
            assertThat(e.getStatus().getDetails().getCauses()).extracting(c -> c.getField())
                    .containsExactly("spec.ingress[0].ports[0].port", "spec.ingress[0].from[0].ipBlock.cidr");
        });
        assertThat(lab.client().network().networkPolicies().inNamespace("shop").withName("bad").get()).isNull();
    }

    @Test
    @DisplayName("an unknown field is a strict decoding error (400), not silently dropped")
    void rejectsUnknownField() {
        NetworkPolicy typo = np("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: typo, namespace: shop}
                spec: {podSelector: {}, ingres: []}
                """);
        assertThatThrownBy(() -> lab.client().resource(typo).create()).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
            assertThat(e.getCode()).isEqualTo(400);
            assertThat(e.getStatus().getMessage()).endsWith("strict decoding error: unknown field \"spec.ingres\"");
        });
    }

    @Test
    @DisplayName("policyTypes and protocol are defaulted exactly as the API server does")
    void defaults() {
        lab.client().resource(np("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: eg, namespace: shop}
                spec:
                  podSelector: {}
                  egress: [{ports: [{port: 53}]}]
                """)).create();
        NetworkPolicy stored = lab.client().network().networkPolicies().inNamespace("shop").withName("eg").get();
        assertThat(stored.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(stored.getSpec().getEgress().get(0).getPorts().get(0).getProtocol()).isEqualTo("TCP");
        lab.client().resource(np("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: only, namespace: shop}
                spec: {podSelector: {}, policyTypes: [Egress]}
                """)).create();
        assertThat(lab.client().network().networkPolicies().inNamespace("shop").withName("only").get().getSpec().getPolicyTypes())
                .containsExactly("Egress");
    }

    @Test
    @DisplayName("the name label survives a relabel, as on a real API server")
    void nameLabelKept() {
        Namespace ns = lab.client().namespaces().withName("dev").get();
        lab.client().resource(new NamespaceBuilder(ns).editMetadata().withLabels(java.util.Map.of("env", "dev")).endMetadata().build()).update();
        assertThat(lab.client().namespaces().withName("dev").get().getMetadata().getLabels())
                .containsEntry("env", "dev").containsEntry("kubernetes.io/metadata.name", "dev");
    }

    @Test
    @DisplayName("apply creates, configures or leaves unchanged, like kubectl apply")
    void apply() {
        NetworkPolicy fix = scenario.solutionPolicies().get(0);
        assertThat(Applier.applyOne(lab.client(), Serialization.clone(fix)).line())
                .isEqualTo("networkpolicy.networking.k8s.io/db-ingress configured");
        assertThat(Applier.applyOne(lab.client(), Serialization.clone(fix)).action()).isEqualTo(Applier.Action.UNCHANGED);
        lab.client().network().networkPolicies().inNamespace("shop").withName("db-ingress").delete();
        assertThat(Applier.applyOne(lab.client(), Serialization.clone(fix)).action()).isEqualTo(Applier.Action.CREATED);
    }

    @Test
    @DisplayName("reset removes the learner's work and restores the broken state; teardown cascades like namespace deletion")
    void reset() {
        lab.client().resource(np("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: mine, namespace: dev}
                spec: {podSelector: {}}
                """)).create();
        lab.client().pods().inNamespace("shop").withName("frontend").edit(p -> {
            p.getMetadata().getLabels().put("app", "hacked");
            return p;
        });
        lab.reset(scenario, LabProgress.NONE);
        assertThat(lab.client().network().networkPolicies().inNamespace("dev").list().getItems()).isEmpty();
        assertThat(lab.client().pods().inNamespace("shop").withName("frontend").get().getMetadata().getLabels()).containsEntry("app", "frontend");
        assertThat(lab.client().network().networkPolicies().inNamespace("shop").list().getItems()).extracting(p -> p.getMetadata().getName())
                .containsExactly("db-ingress");
        lab.teardown(scenario, LabProgress.NONE);
        assertThat(lab.client().pods().inNamespace("shop").list().getItems()).isEmpty();
        assertThat(lab.client().namespaces().withName("shop").get()).isNull();
    }
}
