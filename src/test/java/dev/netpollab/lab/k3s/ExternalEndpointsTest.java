package dev.netpollab.lab.k3s;

import dev.netpollab.lab.LabException;
import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.scenario.WorldExternal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Endpoints outside the cluster on Docker networks: the smallest subnets, checked up front, and really removed. */
class ExternalEndpointsTest {
    private static final List<ExternalSubnets.Taken> CLUSTER = List.of(new ExternalSubnets.Taken("the cluster's pod network", "10.42.0.0/16"),
            new ExternalSubnets.Taken("the cluster's Service network", "10.43.0.0/16"));

    private static WorldExternal ext(String name, String ip) {
        return new WorldExternal(name, ip, List.of(80));
    }

    /** A Docker that keeps networks in memory; removing a network that still has the node attached fails, as Docker does. */
    static class FakeDocker implements ExternalEndpoints.Docker {
        final Map<String, String> networks = new LinkedHashMap<>();  // id -> subnet
        final Map<String, List<String>> attached = new LinkedHashMap<>();
        final List<String> calls = new ArrayList<>();
        final List<ExternalSubnets.Taken> existing = new ArrayList<>();
        boolean forgetForce;
        int n;

        @Override
        public List<ExternalSubnets.Taken> networks() {
            List<ExternalSubnets.Taken> out = new ArrayList<>(existing);
            networks.forEach((id, subnet) -> out.add(new ExternalSubnets.Taken("Docker network " + id, subnet)));
            return out;
        }

        @Override
        public String createNetwork(String name, String subnet, String gateway) {
            for (ExternalSubnets.Taken t : networks()) {
                if (ExternalSubnets.clash(List.of(new ExternalSubnets.Plan(subnet, gateway, gateway, List.of())), List.of(t)).isPresent()) {
                    throw new IllegalStateException("Pool overlaps with other one on this address space");
                }
            }
            String id = "net" + (++n);
            networks.put(id, subnet);
            attached.put(id, new ArrayList<>());
            calls.add("create " + subnet + " gw " + gateway);
            return id;
        }

        @Override
        public void connect(String network, String container, String ip) {
            attached.get(network).add(container);
            calls.add("connect " + container + " " + ip);
        }

        @Override
        public void disconnect(String network, String container) {
            calls.add("disconnect --force " + container);
            if (!forgetForce) {
                attached.get(network).remove(container);
            }
        }

        @Override
        public void removeNetwork(String network) {
            if (!attached.get(network).isEmpty()) {
                throw new IllegalStateException("error while removing network: network " + network + " has active endpoints");
            }
            networks.remove(network);
        }

        @Override
        public boolean networkExists(String network) {
            return networks.containsKey(network);
        }

        @Override
        public AutoCloseable runEndpoint(WorldExternal e, String network) {
            attached.get(network).add(e.name());
            calls.add("run " + e.name() + " " + e.ip());
            return () -> attached.get(network).remove(e.name());
        }
    }

    @Test
    @DisplayName("the smallest subnet around each address, with a gateway and the node that never take an endpoint's address")
    void smallestSubnets() {
        assertThat(ExternalSubnets.plan(List.of(ext("metadata", "169.254.169.254"))))
                .containsExactly(new ExternalSubnets.Plan("169.254.169.248/29", "169.254.169.249", "169.254.169.250", List.of(ext("metadata", "169.254.169.254"))));
        // First host of its /29: the gateway and the node move to the next free addresses.
        assertThat(ExternalSubnets.plan(List.of(ext("a", "203.0.113.9"))).get(0)).extracting(ExternalSubnets.Plan::subnet,
                ExternalSubnets.Plan::gateway, ExternalSubnets.Plan::node).containsExactly("203.0.113.8/29", "203.0.113.10", "203.0.113.11");
        // On the edge of a /29 (its network or broadcast address): the next wider block that makes it a host.
        assertThat(ExternalSubnets.plan(List.of(ext("edge", "203.0.113.8"))).get(0).subnet()).isEqualTo("203.0.113.0/28");
        assertThat(ExternalSubnets.plan(List.of(ext("edge", "203.0.113.15"))).get(0).subnet()).as("the broadcast of its /29 and /28").isEqualTo("203.0.113.0/27");
        // Close together: one network; far apart: one each.
        assertThat(ExternalSubnets.plan(List.of(ext("a", "203.0.113.10"), ext("b", "203.0.113.12")))).singleElement()
                .satisfies(p -> assertThat(p.endpoints()).hasSize(2));
        assertThat(ExternalSubnets.plan(List.of(ext("metadata", "169.254.169.254"), ext("news", "198.51.100.20")))).hasSize(2);
        assertThatThrownBy(() -> ExternalSubnets.plan(List.of(ext("v6", "2001:db8::1")))).isInstanceOf(LabException.class)
                .hasMessageContaining("ext:v6").hasMessageContaining("IPv4 only");
    }

    @Test
    @DisplayName("scenarios that shared a /24 (18 and 23, 22 and 23) get subnets that do not overlap; scenario 27 no longer uses Docker's first network")
    void libraryScenariosDoNotCollide() {
        ScenarioLibrary lib = ScenarioLibrary.load(List.of());
        List<ExternalSubnets.Plan> all = new ArrayList<>();
        lib.scenarios().forEach(s -> all.addAll(ExternalSubnets.plan(s.world().externals())));
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                boolean sameAddresses = all.get(i).endpoints().stream().map(WorldExternal::ip).toList()
                        .equals(all.get(j).endpoints().stream().map(WorldExternal::ip).toList());
                if (!sameAddresses) {
                    assertThat(ExternalSubnets.clash(List.of(all.get(i)), List.of(new ExternalSubnets.Taken("x", all.get(j).subnet()))))
                            .as(all.get(i) + " vs " + all.get(j)).isEmpty();
                }
            }
        }
        // Docker's default pools: bridge 172.17.0.0/16, user networks from 172.18.0.0/16 up, then 192.168.x.0/20 pools.
        List<ExternalSubnets.Taken> dockerPools = List.of(new ExternalSubnets.Taken("Docker's default pool", "172.16.0.0/12"),
                new ExternalSubnets.Taken("Docker's default pool", "192.168.0.0/16"));
        assertThat(all).allSatisfy(p -> assertThat(ExternalSubnets.clash(List.of(p), dockerPools)).as(p.toString()).isEmpty());
        assertThat(all).allSatisfy(p -> assertThat(ExternalSubnets.clash(List.of(p), CLUSTER)).as(p.toString()).isEmpty());
    }

    @Test
    @DisplayName("start: networks created with explicit gateways, endpoints started, the node joined with its own address")
    void start() {
        FakeDocker d = new FakeDocker();
        ExternalEndpoints e = ExternalEndpoints.start(List.of(ext("metadata", "169.254.169.254"), ext("storage", "203.0.113.80")), "k3s-node", d, CLUSTER);
        assertThat(d.calls).containsExactly("create 169.254.169.248/29 gw 169.254.169.249", "run metadata 169.254.169.254", "connect k3s-node 169.254.169.250",
                "create 203.0.113.64/27 gw 203.0.113.65", "run storage 203.0.113.80", "connect k3s-node 203.0.113.66");
        e.close();
        assertThat(d.networks).isEmpty();
    }

    @Test
    @DisplayName("reset and re-runs: close disconnects the node with force and the same scenario starts again (no \"Pool overlaps\")")
    void closeThenStartAgain() {
        FakeDocker d = new FakeDocker();
        List<WorldExternal> externals = List.of(ext("internet", "203.0.113.10"));
        ExternalEndpoints.start(externals, "node", d, CLUSTER).close();
        assertThat(d.calls).contains("disconnect --force node");
        ExternalEndpoints again = ExternalEndpoints.start(externals, "node", d, CLUSTER);
        assertThat(d.networks).hasSize(1);
        again.close();
        // Two scenarios with addresses in one /24 can be up at once.
        ExternalEndpoints s18 = ExternalEndpoints.start(List.of(ext("internet", "203.0.113.10")), "node", d, CLUSTER);
        ExternalEndpoints s23 = ExternalEndpoints.start(List.of(ext("storage-api", "203.0.113.80")), "node", d, CLUSTER);
        assertThat(d.networks).hasSize(2);
        s18.close();
        s23.close();
    }

    @Test
    @DisplayName("a network that will not go away is reported with the command that removes it, and tried again on a second close")
    void removalIsVerified() {
        FakeDocker d = new FakeDocker();
        d.forgetForce = true;
        ExternalEndpoints e = ExternalEndpoints.start(List.of(ext("internet", "203.0.113.10")), "node", d, CLUSTER);
        assertThatThrownBy(e::close).isInstanceOf(LabException.class).hasMessageContaining("could not be removed")
                .hasMessageContaining("docker network rm net1");
        d.attached.get("net1").clear();  // the node container is gone
        e.close();
        assertThat(d.networks).isEmpty();
    }

    @Test
    @DisplayName("an overlap with an existing Docker network or the cluster's ranges is found before anything is created, and named")
    void overlapUpFront() {
        FakeDocker d = new FakeDocker();
        d.existing.add(new ExternalSubnets.Taken("Docker network kind", "172.18.0.0/16"));
        assertThatThrownBy(() -> ExternalEndpoints.start(List.of(ext("apiserver", "172.18.0.2")), "node", d, CLUSTER))
                .isInstanceOf(LabException.class)
                .hasMessage("the endpoints outside the cluster cannot be placed: ext:apiserver (172.18.0.2) needs the subnet 172.18.0.0/29, which overlaps "
                        + "Docker network kind (172.18.0.0/16); remove that network (`docker network rm`) or give the endpoint an address outside it");
        assertThatThrownBy(() -> ExternalEndpoints.start(List.of(ext("pod", "10.42.3.4")), "node", d, CLUSTER))
                .hasMessageContaining("overlaps the cluster's pod network (10.42.0.0/16)");
        assertThat(d.calls).isEmpty();
    }

    @Test
    @DisplayName("a failure half-way removes what was created")
    void failureCleansUp() {
        FakeDocker d = new FakeDocker() {
            @Override
            public AutoCloseable runEndpoint(WorldExternal e, String network) {
                throw new IllegalStateException("image not found");
            }
        };
        assertThatThrownBy(() -> ExternalEndpoints.start(List.of(ext("internet", "203.0.113.10")), "node", d, CLUSTER))
                .isInstanceOf(LabException.class).hasMessageContaining("image not found");
        assertThat(d.networks).isEmpty();
    }
}
