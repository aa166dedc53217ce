package dev.netpollab.shell.kubectl.tools;

import dev.netpollab.lab.ApiServerFacts;
import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.lab.StandardCluster;
import dev.netpollab.scenario.KubeYaml;
import dev.netpollab.scenario.WorldExternal;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The in-pod tools against a hand-built cluster: shop/web serves 8080 (named http) behind Service web:80 -> http,
 * shop/client has no ports, coredns in kube-system, the API server outside at 172.18.0.2:6443 behind default/kubernetes.
 * Expected texts are the real tools': curl 8, busybox wget, netcat-openbsd, BIND's nslookup and dig.
 */
class NetToolsTest {
    private static Pod pod(String ns, String name, String ip, Map<String, String> labels, int... ports) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withNamespace(ns).withLabels(labels).endMetadata().withNewSpec()
                .addNewContainer().withName("serve").withImage("registry.k8s.io/e2e-test-images/agnhost:2.53").endContainer().endSpec();
        Pod p = b.build();
        for (int port : ports) {
            p.getSpec().getContainers().get(0).getPorts().add(new io.fabric8.kubernetes.api.model.ContainerPortBuilder().withContainerPort(port)
                    .withName(port == 8080 ? "http" : null).withProtocol(port == 53 ? "UDP" : "TCP").build());
            p.getSpec().getContainers().get(0).getEnv().add(new EnvVar("SERVE_PORT_" + port, name, null));
        }
        return ApiServerFacts.running(p, ip);
    }

    private static Namespace ns(String name) {
        return ApiServerFacts.withNameLabel(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build());
    }

    private static NetTools tools(String image, boolean tty, String... policies) {
        List<Pod> pods = List.of(pod("shop", "web", "10.42.0.10", Map.of("app", "web"), 8080), pod("shop", "client", "10.42.0.11", Map.of("app", "client")),
                pod("kube-system", "coredns", "10.42.0.2", Map.of("k8s-app", "kube-dns"), 53));
        Service web = new ServiceBuilder().withNewMetadata().withName("web").withNamespace("shop").endMetadata().withNewSpec().withClusterIP("10.43.0.20")
                .withSelector(Map.of("app", "web")).addNewPort().withPort(80).withTargetPort(new IntOrString("http")).withProtocol("TCP").endPort()
                .endSpec().build();
        List<NetworkPolicy> nps = new ArrayList<>();
        for (String yaml : policies) {
            nps.add(KubeYaml.serialization().unmarshal(yaml, NetworkPolicy.class));
        }
        ClusterSnapshot snap = new ClusterSnapshot(List.of(ns("shop"), ns("kube-system"), ns("default")), pods,
                List.of(web, StandardCluster.dnsService(), StandardCluster.kubernetesService()), nps,
                List.of(new WorldExternal("apiserver", "172.18.0.2", List.of(6443))));
        PodNetwork net = new PodNetwork(snap, List.of(StandardCluster.kubernetesEndpointSlice("172.18.0.2")), pods.get(1));
        return new NetTools(net, image, tty, "client");
    }

    private static final String AGNHOST = "registry.k8s.io/e2e-test-images/agnhost:2.53";
    private static final String DENY_WEB = """
            {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"deny","namespace":"shop"},
             "spec":{"podSelector":{"matchLabels":{"app":"web"}},"policyTypes":["Ingress"]}}""";
    private static final String EGRESS_DNS_ONLY = """
            {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"dns-only","namespace":"shop"},
             "spec":{"podSelector":{},"policyTypes":["Egress"],"egress":[{"ports":[{"port":53,"protocol":"UDP"}]}]}}""";

    @Test
    @DisplayName("curl: a Service is DNATed to the named targetPort; the body is agnhost's; the meter without -s and without a tty")
    void curlAllowed() {
        NetTools.Result r = tools(AGNHOST, false).run(List.of("curl", "web"));
        assertThat(r.exit()).isZero();
        assertThat(r.output()).startsWith("  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n")
                .contains("\n100     3  100     3    0     0").endsWith("web");
        assertThat(tools(AGNHOST, true).run(List.of("curl", "web.shop.svc.cluster.local")).output()).isEqualTo("web");
        assertThat(tools(AGNHOST, true).run(List.of("curl", "-sI", "http://web")).output()).startsWith("HTTP/1.1 200 OK\r\n");
        assertThat(tools(AGNHOST, true).run(List.of("curl", "-sv", "web")).output()).startsWith("*   Trying 10.43.0.20:80...\n* Connected to web (10.43.0.20) port 80\n");
        assertThat(tools(AGNHOST, true).run(List.of("curl", "-s", "10.42.0.10:8080")).output()).isEqualTo("web");
    }

    @Test
    @DisplayName("curl: dropped is 28 after -m/--connect-timeout (or the kernel's ~130 s), nothing listening is 7, -s hides, -sS shows")
    void curlFailures() {
        NetTools denied = tools(AGNHOST, true, DENY_WEB);
        assertThat(denied.run(List.of("curl", "-sS", "--connect-timeout", "3", "web"))).isEqualTo(
                new NetTools.Result("curl: (28) Connection timed out after 3001 milliseconds\n", 28, 3001));
        assertThat(denied.run(List.of("curl", "-s", "-m2", "web")).output()).isEmpty();
        NetTools.Result slow = denied.run(List.of("curl", "-sS", "web"));
        assertThat(slow.output()).isEqualTo("curl: (28) Failed to connect to web port 80 after 133000 ms: Could not connect to server\n");
        NetTools open = tools(AGNHOST, true);
        assertThat(open.run(List.of("curl", "-sS", "10.42.0.10:9999")).output())
                .isEqualTo("curl: (7) Failed to connect to 10.42.0.10 port 9999 after 1 ms: Could not connect to server\n");
        assertThat(open.run(List.of("curl", "-sS", "https://web:80")).exit()).as("agnhost porter speaks plain HTTP").isEqualTo(35);
        assertThat(open.run(List.of("curl", "--frobnicate", "web")).output()).startsWith("curl: option --frobnicate: is unknown\n");
        assertThat(open.run(List.of("curl")).exit()).isEqualTo(2);
    }

    @Test
    @DisplayName("DNS blocked by egress: curl 28 'Resolving timed out' within -m, else 6; nslookup and dig time out; IPs still work")
    void dnsBlocked() {
        String denyAllEgress = """
                {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"deny-egress","namespace":"shop"},
                 "spec":{"podSelector":{},"policyTypes":["Egress"],"egress":[{"to":[{"ipBlock":{"cidr":"10.42.0.10/32"}}]}]}}""";
        NetTools t = tools(AGNHOST, true, denyAllEgress);
        assertThat(t.run(List.of("curl", "-sS", "-m", "2", "web")).output()).isEqualTo("curl: (28) Resolving timed out after 2001 milliseconds\n");
        assertThat(t.run(List.of("curl", "-sS", "web")).output()).isEqualTo("curl: (6) Could not resolve host: web\n");
        assertThat(t.run(List.of("nslookup", "web"))).isEqualTo(new NetTools.Result(";; connection timed out; no servers could be reached\n\n", 1, 15_000));
        assertThat(t.run(List.of("dig", "web.shop.svc.cluster.local")).exit()).isEqualTo(9);
        assertThat(t.run(List.of("wget", "-qO-", "web")).output()).isEqualTo("wget: bad address 'web'\n");
        assertThat(t.run(List.of("nc", "-zv", "web", "80")).output()).isEqualTo("nc: getaddrinfo for host \"web\" port 80: Try again\n");
        assertThat(t.run(List.of("curl", "-s", "10.42.0.10:8080")).output()).as("a pod address needs no DNS").isEqualTo("web");
    }

    @Test
    @DisplayName("nslookup and dig: search domains (nslookup), none (dig), NXDOMAIN, +short")
    void lookups() {
        NetTools t = tools(AGNHOST, true, EGRESS_DNS_ONLY);
        assertThat(t.run(List.of("nslookup", "web")).output()).isEqualTo("Server:\t\t10.43.0.10\nAddress:\t10.43.0.10#53\n\n"
                + "Name:\tweb.shop.svc.cluster.local\nAddress: 10.43.0.20\n\n");
        assertThat(t.run(List.of("nslookup", "nosuch"))).extracting(NetTools.Result::exit).isEqualTo(1);
        assertThat(t.run(List.of("nslookup", "nosuch")).output()).contains("** server can't find nosuch: NXDOMAIN");
        assertThat(t.run(List.of("dig", "+short", "web")).output()).as("dig does not search").isEmpty();
        assertThat(t.run(List.of("dig", "+short", "web.shop.svc.cluster.local")).output()).isEqualTo("10.43.0.20\n");
        assertThat(t.run(List.of("dig", "kubernetes.default.svc.cluster.local")).output()).contains(";; ANSWER SECTION:\n"
                + "kubernetes.default.svc.cluster.local.\t30\tIN\tA\t10.43.0.1\n");
    }

    @Test
    @DisplayName("wget's and nc's own words; nc -zu succeeds whatever policy does; -v decides what nc says")
    void wgetAndNc() {
        NetTools open = tools(AGNHOST, true);
        assertThat(open.run(List.of("wget", "-O-", "web")).output()).isEqualTo("Connecting to web (10.43.0.20:80)\nwriting to stdout\n"
                + "web-                    100% |********************************|     3  0:00:00 ETA\nwritten to stdout\n");
        assertThat(open.run(List.of("wget", "--spider", "-q", "web")).exit()).isZero();
        assertThat(open.run(List.of("nc", "-zv", "web", "80")).output()).isEqualTo("Connection to web (10.43.0.20) 80 port [tcp/http] succeeded!\n");
        assertThat(open.run(List.of("nc", "-zv", "10.42.0.10", "81")).output())
                .isEqualTo("nc: connect to 10.42.0.10 port 81 (tcp) failed: Connection refused\n");
        NetTools denied = tools(AGNHOST, true, DENY_WEB);
        assertThat(denied.run(List.of("wget", "-q", "-T", "2", "-O-", "web"))).isEqualTo(new NetTools.Result("wget: download timed out\n", 1, 2000));
        assertThat(denied.run(List.of("nc", "-z", "-w", "2", "web", "80"))).isEqualTo(new NetTools.Result("", 1, 2000));
        assertThat(denied.run(List.of("nc", "-zuv", "web", "80")).output()).as("UDP has no handshake to fail")
                .isEqualTo("Connection to web (10.43.0.20) 80 port [udp/http] succeeded!\n");
    }

    @Test
    @DisplayName("kubernetes.default: no selector, so its EndpointSlice decides: policy sees 172.18.0.2:6443, not 10.43.0.1:443")
    void apiServerThroughTheSlice() {
        String allow443 = """
                {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"api","namespace":"shop"},
                 "spec":{"podSelector":{},"policyTypes":["Egress"],"egress":[{"ports":[{"port":53,"protocol":"UDP"}]},
                   {"to":[{"ipBlock":{"cidr":"172.18.0.2/32"}}],"ports":[{"port":443}]}]}}""";
        assertThat(tools(AGNHOST, true, allow443).run(List.of("curl", "-sk", "-m", "3", "https://kubernetes.default")).exit()).isEqualTo(28);
        String allow6443 = allow443.replace("\"port\":443", "\"port\":6443");
        assertThat(tools(AGNHOST, true, allow6443).run(List.of("curl", "-sk", "-m", "3", "https://kubernetes.default")))
                .isEqualTo(new NetTools.Result("apiserver", 0, 2));
    }

    @Test
    @DisplayName("images decide the tools: busybox has no curl (kubectl's runtime error), sh reports 'not found'; timeout, && and ||")
    void imagesAndShell() {
        NetTools busybox = tools("busybox:1.36", true);
        assertThatThrownBy(() -> busybox.run(List.of("curl", "web"))).isInstanceOfSatisfying(NetTools.MissingExecutable.class,
                e -> assertThat(e.kubectlMessage("abc")).endsWith("exec: \"curl\": executable file not found in $PATH: unknown"));
        assertThat(busybox.run(List.of("sh", "-c", "curl web"))).isEqualTo(new NetTools.Result("sh: curl: not found\n", 127, 0));
        assertThat(busybox.run(List.of("wget", "-qO-", "web")).output()).isEqualTo("web");
        NetTools denied = tools(AGNHOST, true, DENY_WEB);
        assertThat(denied.run(List.of("timeout", "2", "curl", "-s", "web"))).isEqualTo(new NetTools.Result("", 143, 2000));
        assertThat(denied.run(List.of("sh", "-c", "nc -z -w 1 web 80 && echo open || echo closed")).output()).isEqualTo("closed\n");
    }
}
