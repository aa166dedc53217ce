package dev.netpollab.grade;

import dev.netpollab.lab.OfflineCluster;
import dev.netpollab.probe.ModelProber;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.scenario.WorldNamespace;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

class ScratchR10Test {
    @Test
    void denyAll() {
        ScenarioLibrary lib = ScenarioLibrary.load(List.of());
        for (Scenario s : lib.scenarios()) {
            List<String> nss = s.rules().policiesOnlyIn().isEmpty() ? s.world().namespaces().stream().map(WorldNamespace::name).filter(n -> !n.startsWith("kube-")).toList() : s.rules().policiesOnlyIn();
            for (String mode : List.of("Ingress, Egress", "Egress", "Ingress")) {
                List<NetworkPolicy> ps = new ArrayList<>(s.brokenPolicies());
                for (String ns : nss) {
                    ps.add(Serialization.unmarshal("""
                        apiVersion: networking.k8s.io/v1
                        kind: NetworkPolicy
                        metadata: {name: zz-deny, namespace: %s}
                        spec: {podSelector: {}, policyTypes: [%s]}
                        """.formatted(ns, mode), NetworkPolicy.class));
                }
                Grade g = new Grader().grade(s, OfflineCluster.snapshot(s, ps), new ModelProber());
                ExamCredit.Score c = ExamCredit.score(s, g, 10);
                System.out.printf("CREDIT %-36s %-16s %5.1f%% targets %d/%d guardsBroken %d/%d%n", s.id(), mode, c.fraction() * 100, c.targetsMet(), c.targets().size(), c.guardsBroken(), c.guards().size());
            }
        }
    }
}
