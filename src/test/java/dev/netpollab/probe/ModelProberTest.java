package dev.netpollab.probe;

import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.lab.OfflineCluster;
import dev.netpollab.lab.StandardCluster;
import dev.netpollab.policy.Protocol;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.scenario.ScenarioTexts;
import dev.netpollab.scenario.Target;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ModelProberTest {
    private Scenario s;
    private final ModelProber prober = new ModelProber();

    @BeforeEach
    void load(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("s.yaml"), ScenarioTexts.VALID);
        s = ScenarioLibrary.loadPaths(List.of(dir)).scenarios().get(0);
    }

    private Observation one(ClusterSnapshot snap, String from, Target to, int port, Protocol proto) {
        return prober.probe(snap, List.of(new Probe(from, to, port, proto))).get(0);
    }

    @Test
    @DisplayName("a Service probe resolves DNS, then connects to the endpoint's targetPort (a named port here)")
    void serviceToTargetPort() {
        NetworkPolicy onlyPg = Serialization.unmarshal("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: pg, namespace: shop}
                spec: {podSelector: {matchLabels: {app: db}}, ingress: [{ports: [{port: 5432}]}]}
                """, NetworkPolicy.class);
        Observation o = one(OfflineCluster.snapshot(s, List.of(onlyPg)), "shop/frontend", new Target.Service("shop", "db"), 5432, Protocol.TCP);
        assertThat(o.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(o.detail()).startsWith("via Service port 5432 -> shop/db:5432");
    }

    @Test
    @DisplayName("a Service without ready endpoints is refused; an unknown Service fails DNS")
    void serviceWithoutEndpoints() {
        ClusterSnapshot snap = OfflineCluster.snapshot(s, List.of());
        Service other = new ServiceBuilder(snap.services().get(0)).editSpec().withSelector(java.util.Map.of("app", "nobody")).endSpec().build();
        ClusterSnapshot noEndpoints = new ClusterSnapshot(snap.namespaces(), snap.pods(), List.of(other), List.of(), snap.externals());
        assertThat(one(noEndpoints, "shop/frontend", new Target.Service("shop", "db"), 5432, Protocol.TCP).outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(one(snap, "shop/frontend", new Target.Service("shop", "nope"), 5432, Protocol.TCP).outcome()).isEqualTo(Outcome.DNS_FAILED);
    }

    @Test
    @DisplayName("an allowed connection to a port nothing listens on is refused; an external port likewise")
    void nothingListening() {
        ClusterSnapshot snap = OfflineCluster.snapshot(s, List.of());
        assertThat(one(snap, "shop/frontend", new Target.Pod("shop", "db"), 5433, Protocol.TCP).outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(one(snap, "shop/frontend", new Target.External("metadata"), 80, Protocol.TCP).outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(one(snap, "shop/frontend", new Target.External("metadata"), 81, Protocol.TCP).outcome()).isEqualTo(Outcome.REFUSED);
    }

    @Test
    @DisplayName("a missing or unready source is a probe error")
    void unreadySource() {
        ClusterSnapshot snap = OfflineCluster.snapshot(s, List.of());
        List<Pod> pods = new ArrayList<>();
        for (Pod p : snap.pods()) {
            pods.add(p.getMetadata().getName().equals("frontend") ? new PodBuilder(p).editStatus().withConditions().endStatus().build() : p);
        }
        ClusterSnapshot unready = new ClusterSnapshot(snap.namespaces(), pods, snap.services(), List.of(), snap.externals());
        Observation o = one(unready, "shop/frontend", new Target.Pod("shop", "db"), 5432, Protocol.TCP);
        assertThat(o.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(o.detail()).isEqualTo("source pod shop/frontend is not ready");
        assertThat(one(snap, "shop/ghost", new Target.Pod("shop", "db"), 5432, Protocol.TCP).detail()).isEqualTo("source pod shop/ghost does not exist");
    }

    @Test
    @DisplayName("a Service whose endpoints disagree is reported as flaky, not as a pass")
    void mixedEndpoints() throws IOException {
        ClusterSnapshot snap = OfflineCluster.snapshot(s, List.of());
        Pod db2 = new PodBuilder(snap.pod("shop", "db").orElseThrow()).editMetadata().withName("db-2").addToLabels("replica", "2").endMetadata()
                .editStatus().withPodIP("10.42.9.9").endStatus().build();
        NetworkPolicy onlyFirst = Serialization.unmarshal("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny-replica, namespace: shop}
                spec: {podSelector: {matchLabels: {replica: "2"}}, policyTypes: [Ingress]}
                """, NetworkPolicy.class);
        List<Pod> pods = new ArrayList<>(snap.pods());
        pods.add(db2);
        ClusterSnapshot two = new ClusterSnapshot(snap.namespaces(), pods, snap.services(), List.of(onlyFirst), snap.externals());
        Observation o = one(two, "shop/frontend", new Target.Service("shop", "db"), 5432, Protocol.TCP);
        assertThat(o.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(o.detail()).isEqualTo("only 1 of 2 endpoints of shop/db are reachable, so a real probe would be flaky");
    }

    @Test
    @DisplayName("default/kubernetes has no selector: the probe follows its EndpointSlice to the API server's 6443, and policy sees that port")
    void selectorlessServiceFollowsItsSlice() {
        ClusterSnapshot snap = OfflineCluster.snapshot(s, List.of());
        assertThat(snap.service("default", "kubernetes")).isPresent();
        assertThat(snap.endpointSlices()).singleElement().satisfies(es -> assertThat(es.getEndpoints().get(0).getAddresses())
                .containsExactly(StandardCluster.DEFAULT_API_SERVER_IP));
        // The world's metadata external stands in for the API server: the lab points the slice at it.
        ClusterSnapshot toMetadata = withSlices(snap, StandardCluster.kubernetesEndpointSlice("169.254.169.254"));
        Target api = new Target.Service("default", "kubernetes");
        NetworkPolicy only6443 = egressTo("169.254.169.254/32", 6443);
        NetworkPolicy only443 = egressTo("169.254.169.254/32", 443);
        Observation blocked = one(toMetadata.replacePolicies(List.of(only443)), "shop/frontend", api, 443, Protocol.TCP);
        assertThat(blocked.outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(blocked.detail()).startsWith("via Service port 443 -> 169.254.169.254:6443; ");
        Observation allowed = one(toMetadata.replacePolicies(List.of(only6443)), "shop/frontend", api, 443, Protocol.TCP);
        // Allowed by policy; the metadata stand-in serves 80 only, so nothing answers on 6443.
        assertThat(allowed.outcome()).isEqualTo(Outcome.REFUSED);
        assertThat(allowed.verdict().connection().dst().id()).isEqualTo("ext:metadata");
        assertThat(allowed.verdict().connection().port()).isEqualTo(6443);
    }

    @Test
    @DisplayName("a selector-less Service: slices of other Services, endpoints marked not ready and port names that differ are ignored")
    void selectorlessServiceWithoutUsableEndpoints() {
        ClusterSnapshot snap = OfflineCluster.snapshot(s, List.of());
        Target api = new Target.Service("default", "kubernetes");
        EndpointSlice notReady = new EndpointSliceBuilder(StandardCluster.kubernetesEndpointSlice("10.42.0.10"))
                .editFirstEndpoint().editConditions().withReady(false).endConditions().endEndpoint().build();
        EndpointSlice otherPortName = new EndpointSliceBuilder(StandardCluster.kubernetesEndpointSlice("10.42.0.10"))
                .editFirstPort().withName("metrics").endPort().build();
        EndpointSlice otherService = new EndpointSliceBuilder(StandardCluster.kubernetesEndpointSlice("10.42.0.10"))
                .editMetadata().addToLabels(StandardCluster.SERVICE_NAME_LABEL, "elsewhere").endMetadata().build();
        for (EndpointSlice es : List.of(notReady, otherPortName, otherService)) {
            Observation o = one(withSlices(snap, es), "shop/frontend", api, 443, Protocol.TCP);
            assertThat(o.outcome()).isEqualTo(Outcome.REFUSED);
            assertThat(o.detail()).contains("no selector and no ready endpoint");
        }
        // A slice endpoint that is a pod: the connection goes to that pod, on the slice's port.
        String dbIp = snap.pod("shop", "db").orElseThrow().getStatus().getPodIP();
        EndpointSlice toDb = new EndpointSliceBuilder(StandardCluster.kubernetesEndpointSlice(dbIp)).editFirstPort().withPort(5432).endPort().build();
        Observation o = one(withSlices(snap, toDb), "shop/frontend", api, 443, Protocol.TCP);
        assertThat(o.outcome()).isEqualTo(Outcome.ALLOWED);
        assertThat(o.verdict().connection().dst().id()).isEqualTo("shop/db");
    }

    private static ClusterSnapshot withSlices(ClusterSnapshot snap, EndpointSlice... slices) {
        return new ClusterSnapshot(snap.namespaces(), snap.pods(), snap.services(), snap.policies(), snap.externals(), List.of(slices));
    }

    private static NetworkPolicy egressTo(String cidr, int port) {
        return Serialization.unmarshal("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: to-api, namespace: shop}
                spec:
                  podSelector: {matchLabels: {app: frontend}}
                  policyTypes: [Egress]
                  egress:
                    - ports: [{port: 53, protocol: UDP}]
                    - to: [{ipBlock: {cidr: %s}}]
                      ports: [{port: %d}]
                """.formatted(cidr, port), NetworkPolicy.class);
    }
}
