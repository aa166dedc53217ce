package dev.netpollab.workshop;

import dev.netpollab.policy.Protocol;
import dev.netpollab.probe.Probe;
import dev.netpollab.scenario.KubeYaml;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.Target;
import dev.netpollab.scenario.VariantRenderer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a cluster lab renames (netpol-lab-*) is named back before it is sent, and forth when work is restored. */
class NamespaceMappingTest {
    @Test
    @DisplayName("policies and probes from a prefixing lab are sent in the workshop's names, and restored in the lab's")
    void roundTrip() throws Exception {
        Scenario ws = WorkshopFixture.LIBRARY.require("default-deny-scope");
        Scenario lab = VariantRenderer.renameNamespaces(ws, Map.of("payments", "netpol-lab-payments", "web", "netpol-lab-web"));
        NamespaceMapping m = NamespaceMapping.between(ws, lab);
        NetworkPolicy inLab = (NetworkPolicy) KubeYaml.read("lab", """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: api-from-web, namespace: netpol-lab-payments}
                spec:
                  podSelector: {matchLabels: {app: api}}
                  ingress:
                    - from:
                        - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: netpol-lab-web}}
                        - namespaceSelector:
                            matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [netpol-lab-web, elsewhere]}]
                        - namespaceSelector: {matchLabels: {team: web}}
                """).get(0).object();
        NetworkPolicy sent = m.toWorkshop(inLab);
        assertThat(sent.getMetadata().getNamespace()).isEqualTo("payments");
        var from = sent.getSpec().getIngress().get(0).getFrom();
        assertThat(from.get(0).getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name", "web");
        assertThat(from.get(1).getNamespaceSelector().getMatchExpressions().get(0).getValues()).containsExactly("web", "elsewhere");
        assertThat(from.get(2).getNamespaceSelector().getMatchLabels()).containsEntry("team", "web");
        assertThat(inLab.getMetadata().getNamespace()).as("the lab's object is not changed").isEqualTo("netpol-lab-payments");
        NetworkPolicy back = m.toLab(sent);
        assertThat(back.getMetadata().getNamespace()).isEqualTo("netpol-lab-payments");
        assertThat(back.getSpec().getIngress().get(0).getFrom().get(0).getNamespaceSelector().getMatchLabels())
                .containsEntry("kubernetes.io/metadata.name", "netpol-lab-web");
        Probe p = new Probe("netpol-lab-web/frontend", new Target.Service("netpol-lab-payments", "api"), 80, Protocol.TCP);
        assertThat(m.probe(p)).isEqualTo("web/frontend -> svc:payments/api:80/TCP");
        assertThat(NamespaceMapping.between(ws, ws).identity()).isTrue();
    }
}
