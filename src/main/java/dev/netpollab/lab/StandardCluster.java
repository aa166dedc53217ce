package dev.netpollab.lab;

import dev.netpollab.scenario.World;
import dev.netpollab.scenario.WorldExternal;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every cluster has before anyone uses it, as k3s sets it up: the namespaces {@code default},
 * {@code kube-system}, {@code kube-public} and {@code kube-node-lease}; the {@code default/kubernetes} Service
 * (no selector: the API server maintains its Endpoints and EndpointSlice, pointing at its own address and
 * port 6443); and {@code kube-system/kube-dns} in front of the coredns pods. Real labs have these already; the
 * embedded lab creates them when it starts.
 */
public final class StandardCluster {
    public static final String DEFAULT = "default";
    /** Namespaces a cluster starts with; a scenario may use them but never owns them. */
    public static final List<String> NAMESPACES = List.of(DEFAULT, "kube-node-lease", "kube-public", World.DNS_NAMESPACE);
    /** Namespaces the API server refuses to delete (the NamespaceLifecycle admission plugin). */
    public static final Set<String> IMMORTAL = Set.of(DEFAULT, "kube-public", World.DNS_NAMESPACE);
    public static final String API_SERVICE = "kubernetes";
    /** k3s's service CIDR is 10.43.0.0/16: .1 is the kubernetes Service, .10 the cluster DNS. */
    public static final String API_SERVICE_IP = "10.43.0.1";
    public static final String DNS_SERVICE = "kube-dns";
    public static final String DNS_SERVICE_IP = "10.43.0.10";
    /** The name of a world external that stands for the API server; its IP becomes the kubernetes Service's endpoint. */
    public static final String API_SERVER_EXTERNAL = World.API_SERVER_EXTERNAL;
    /**
     * Where the API server listens when the world does not say: an address of a documentation range (RFC 5737), which
     * collides with no Docker network, port 6443.
     */
    public static final String DEFAULT_API_SERVER_IP = "198.51.100.100";
    public static final int API_SERVER_PORT = World.API_SERVER_PORT;
    /** The label that ties an EndpointSlice to its Service. */
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private StandardCluster() {
    }

    public static boolean isStandardNamespace(String name) {
        return NAMESPACES.contains(name);
    }

    /** The API server's address for a world: its {@code apiserver} external when it declares one, else the default. */
    public static String apiServerIp(World world) {
        return world.external(API_SERVER_EXTERNAL).map(WorldExternal::ip).orElse(DEFAULT_API_SERVER_IP);
    }

    /** Every standard object, namespaces first; the kubernetes Service's endpoints point at {@code apiServerIp}:6443. */
    public static List<HasMetadata> objects(String apiServerIp) {
        List<HasMetadata> out = new ArrayList<>();
        NAMESPACES.forEach(n -> out.add(namespace(n)));
        out.add(kubernetesService());
        out.add(kubernetesEndpoints(apiServerIp));
        out.add(kubernetesEndpointSlice(apiServerIp));
        out.add(dnsService());
        return out;
    }

    static Namespace namespace(String name) {
        return new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
    }

    /** No selector: nothing but the API server writes its endpoints. */
    public static Service kubernetesService() {
        return new ServiceBuilder().withNewMetadata().withName(API_SERVICE).withNamespace(DEFAULT)
                .withLabels(Map.of("component", "apiserver", "provider", "kubernetes")).endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP(API_SERVICE_IP).withClusterIPs(API_SERVICE_IP)
                .withSessionAffinity("None").withIpFamilies("IPv4").withIpFamilyPolicy("SingleStack")
                .withPorts(new ServicePortBuilder().withName("https").withPort(World.API_SERVICE_PORT).withProtocol("TCP")
                        .withTargetPort(new IntOrString(API_SERVER_PORT)).build())
                .endSpec().build();
    }

    public static Endpoints kubernetesEndpoints(String apiServerIp) {
        return new EndpointsBuilder().withNewMetadata().withName(API_SERVICE).withNamespace(DEFAULT)
                .withLabels(Map.of("endpointslice.kubernetes.io/skip-mirror", "true")).endMetadata()
                .withSubsets(new EndpointSubsetBuilder().withAddresses(new EndpointAddressBuilder().withIp(apiServerIp).build())
                        .withPorts(new EndpointPortBuilder().withName("https").withPort(API_SERVER_PORT).withProtocol("TCP").build()).build())
                .build();
    }

    public static EndpointSlice kubernetesEndpointSlice(String apiServerIp) {
        return new EndpointSliceBuilder().withNewMetadata().withName(API_SERVICE).withNamespace(DEFAULT)
                .withLabels(Map.of(SERVICE_NAME_LABEL, API_SERVICE)).endMetadata()
                .withAddressType("IPv4")
                .addNewEndpoint().withAddresses(apiServerIp).withNewConditions().withReady(true).endConditions().endEndpoint()
                .addNewPort().withName("https").withPort(API_SERVER_PORT).withProtocol("TCP").endPort()
                .build();
    }

    /** CoreDNS's Service as k3s ships it: selector k8s-app=kube-dns, DNS over UDP and TCP, metrics on 9153. */
    public static Service dnsService() {
        return new ServiceBuilder().withNewMetadata().withName(DNS_SERVICE).withNamespace(World.DNS_NAMESPACE)
                .withLabels(Map.of("k8s-app", "kube-dns", "kubernetes.io/cluster-service", "true", "kubernetes.io/name", "CoreDNS"))
                .endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP(DNS_SERVICE_IP).withClusterIPs(DNS_SERVICE_IP)
                .withSelector(World.DNS_LABELS).withSessionAffinity("None").withIpFamilies("IPv4").withIpFamilyPolicy("SingleStack")
                .withPorts(new ServicePortBuilder().withName("dns").withPort(53).withProtocol("UDP").withTargetPort(new IntOrString(53)).build(),
                        new ServicePortBuilder().withName("dns-tcp").withPort(53).withProtocol("TCP").withTargetPort(new IntOrString(53)).build(),
                        new ServicePortBuilder().withName("metrics").withPort(9153).withProtocol("TCP").withTargetPort(new IntOrString(9153)).build())
                .endSpec().build();
    }
}
