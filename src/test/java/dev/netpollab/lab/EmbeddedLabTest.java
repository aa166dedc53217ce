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

    @Test
    @DisplayName("a Pod and a Service can be updated (label, apply): the body reaches the store; status and ClusterIP are kept")
    void updatePodAndService() {
        // Before: "Error from server (Invalid): No resource or invalid resource provided" for every update of a Pod or Service.
        Pod a = lab.client().pods().inNamespace("shop").withName("frontend").get();
        String ip = a.getStatus().getPodIP();
        a.getMetadata().getLabels().put("status", "healthy");
        a.setStatus(null);
        lab.client().resource(a).update();
        Pod after = lab.client().pods().inNamespace("shop").withName("frontend").get();
        assertThat(after.getMetadata().getLabels()).containsEntry("status", "healthy").containsEntry("app", "frontend");
        assertThat(after.getStatus().getPodIP()).as("status is a subresource: a PUT of the pod leaves it").isEqualTo(ip);
        assertThat(ClusterSnapshot.ready(after)).isTrue();
        var svc = lab.client().services().inNamespace("shop").withName("db").get();
        String clusterIp = svc.getSpec().getClusterIP();
        svc.getMetadata().setLabels(java.util.Map.of("tier", "data"));
        svc.getSpec().setClusterIP(null);
        lab.client().resource(svc).update();
        var svcAfter = lab.client().services().inNamespace("shop").withName("db").get();
        assertThat(svcAfter.getMetadata().getLabels()).containsEntry("tier", "data");
        assertThat(svcAfter.getSpec().getClusterIP()).isEqualTo(clusterIp);
    }

    @Test
    @DisplayName("the standard cluster: default, kube-public, kube-node-lease, default/kubernetes with its endpoints, kube-dns before coredns")
    void standardObjects() {
        assertThat(lab.client().namespaces().list().getItems()).extracting(n -> n.getMetadata().getName())
                .contains("default", "kube-system", "kube-public", "kube-node-lease", "shop", "dev");
        var kubernetes = lab.client().services().inNamespace("default").withName("kubernetes").get();
        assertThat(kubernetes.getSpec().getSelector()).as("the API server's Service selects no pods").isNullOrEmpty();
        assertThat(kubernetes.getSpec().getClusterIP()).isEqualTo("10.43.0.1");
        assertThat(kubernetes.getSpec().getPorts().get(0).getPort()).isEqualTo(443);
        var slice = lab.client().discovery().v1().endpointSlices().inNamespace("default").withName("kubernetes").get();
        assertThat(slice.getEndpoints().get(0).getAddresses()).containsExactly(StandardCluster.DEFAULT_API_SERVER_IP);
        assertThat(slice.getPorts().get(0).getPort()).isEqualTo(6443);
        assertThat(lab.client().endpoints().inNamespace("default").withName("kubernetes").get().getSubsets().get(0).getPorts().get(0).getPort())
                .isEqualTo(6443);
        var dns = lab.client().services().inNamespace("kube-system").withName("kube-dns").get();
        assertThat(dns.getSpec().getSelector()).containsExactly(java.util.Map.entry("k8s-app", "kube-dns"));
        assertThat(dns.getSpec().getClusterIP()).isEqualTo("10.43.0.10");
        String corednsIp = lab.client().pods().inNamespace("kube-system").withName("coredns").get().getStatus().getPodIP();
        assertThat(lab.client().endpoints().inNamespace("kube-system").withName("kube-dns").get().getSubsets().get(0).getAddresses())
                .extracting(a -> a.getIp()).containsExactly(corednsIp);
        assertThat(lab.client().services().inNamespace("shop").withName("db").get().getSpec().getClusterIP())
                .as("allocated addresses never collide with the reserved ones").isNotIn("10.43.0.1", "10.43.0.10");
        assertThatThrownBy(() -> lab.client().namespaces().withName("default").delete())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
                        .isEqualTo("namespaces \"default\" is forbidden: this namespace may not be deleted"));
    }

    @Test
    @DisplayName("endpoints follow the pods: a named targetPort resolves per pod; relabelling a pod takes it out; the slice is labelled")
    void endpointsFollowPods() {
        var ep = lab.client().endpoints().inNamespace("shop").withName("db").get();
        Pod db = lab.client().pods().inNamespace("shop").withName("db").get();
        assertThat(ep.getSubsets().get(0).getAddresses()).extracting(a -> a.getIp()).containsExactly(db.getStatus().getPodIP());
        assertThat(ep.getSubsets().get(0).getPorts().get(0).getPort()).as("targetPort pg -> 5432").isEqualTo(5432);
        var slices = lab.client().discovery().v1().endpointSlices().inNamespace("shop").withLabel("kubernetes.io/service-name", "db").list().getItems();
        assertThat(slices).hasSize(1);
        assertThat(slices.get(0).getMetadata().getName()).matches("db-[a-z0-9]{5}");
        db.getMetadata().getLabels().put("app", "moved");
        lab.client().resource(db).update();
        assertThat(lab.client().endpoints().inNamespace("shop").withName("db").get().getSubsets()).isNullOrEmpty();
        assertThat(lab.client().discovery().v1().endpointSlices().inNamespace("shop").withLabel("kubernetes.io/service-name", "db").list()
                .getItems().get(0).getEndpoints()).isEmpty();
        lab.client().services().inNamespace("shop").withName("db").delete();
        assertThat(lab.client().endpoints().inNamespace("shop").withName("db").get()).isNull();
        assertThat(lab.client().discovery().v1().endpointSlices().inNamespace("shop").list().getItems()).isEmpty();
    }

    @Test
    @DisplayName("a scenario in default: teardown removes its pods and policies there but keeps the namespace and the kubernetes Service")
    void teardownKeepsStandardNamespaces() throws Exception {
        Path dir = Files.createTempDirectory("scn");
        Files.writeString(dir.resolve("s.yaml"), ScenarioTexts.VALID.replace("namespace: dev", "namespace: default").replace("- name: dev", "- name: default")
                .replace("dev/*", "default/*").replace("{name: metadata, ip: 169.254.169.254, ports: [80]}", "{name: apiserver, ip: 192.168.5.5, ports: [6443]}"));
        Scenario inDefault = ScenarioLibrary.loadPaths(List.of(dir)).scenarios().get(0);
        lab.teardown(scenario, LabProgress.NONE);
        lab.provision(inDefault, LabProgress.NONE);
        assertThat(lab.client().discovery().v1().endpointSlices().inNamespace("default").withName("kubernetes").get().getEndpoints().get(0)
                .getAddresses()).as("the world's apiserver external is where the kubernetes Service leads").containsExactly("192.168.5.5");
        lab.client().resource(np("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: leftover, namespace: kube-system}
                spec: {podSelector: {}}
                """)).create();
        lab.teardown(inDefault, LabProgress.NONE);
        assertThat(lab.client().namespaces().withName("default").get()).isNotNull();
        assertThat(lab.client().pods().inNamespace("default").withName("tester").get()).isNull();
        assertThat(lab.client().services().inNamespace("default").withName("kubernetes").get()).isNotNull();
        assertThat(lab.client().network().networkPolicies().inNamespace("kube-system").list().getItems()).isEmpty();
        lab.provision(scenario, LabProgress.NONE);
        assertThat(lab.client().endpoints().inNamespace("default").withName("kubernetes").get().getSubsets().get(0).getAddresses().get(0).getIp())
                .isEqualTo(StandardCluster.DEFAULT_API_SERVER_IP);
    }
}
