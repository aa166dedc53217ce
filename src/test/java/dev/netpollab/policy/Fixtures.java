package dev.netpollab.policy;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for engine tests: policies from YAML, pods from terse specs. */
final class Fixtures {
    private Fixtures() {
    }

    static NetworkPolicy policy(String yaml) {
        return Serialization.unmarshal(yaml, NetworkPolicy.class);
    }

    static List<NetworkPolicy> policies(String... yamls) {
        return Arrays.stream(yamls).map(Fixtures::policy).toList();
    }

    static Map<String, String> labels(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static PodInfo pod(String id, Map<String, String> labels, String ip, ContainerPortInfo... ports) {
        String[] p = id.split("/");
        return new PodInfo(p[0], p[1], labels, ip, List.of(ports));
    }

    static ContainerPortInfo tcp(int port) {
        return new ContainerPortInfo(null, port, Protocol.TCP);
    }

    static ContainerPortInfo tcp(String name, int port) {
        return new ContainerPortInfo(name, port, Protocol.TCP);
    }

    static ContainerPortInfo udp(String name, int port) {
        return new ContainerPortInfo(name, port, Protocol.UDP);
    }

    /**
     * The upstream netpol e2e world: namespaces x, y, z (label ns=NAME), pods a, b, c in each (label pod=NAME),
     * each serving 80 and 81 on TCP and UDP with ports named serve-PORT-PROTO; IPs 10.0.N.M.
     */
    static Topology xyz() {
        List<NamespaceInfo> nss = new ArrayList<>();
        List<PodInfo> pods = new ArrayList<>();
        String[] names = {"x", "y", "z"};
        for (int n = 0; n < names.length; n++) {
            nss.add(new NamespaceInfo(names[n], labels("ns", names[n])));
            String[] pn = {"a", "b", "c"};
            for (int p = 0; p < pn.length; p++) {
                pods.add(new PodInfo(names[n], pn[p], labels("pod", pn[p]), "10.0." + n + "." + (p + 10), List.of(
                        tcp("serve-80-tcp", 80), tcp("serve-81-tcp", 81), udp("serve-80-udp", 80), udp("serve-81-udp", 81))));
            }
        }
        return new Topology(nss, pods);
    }
}
