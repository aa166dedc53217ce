package dev.netpollab.lab.k3s;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Network.Ipam;
import dev.netpollab.lab.LabException;
import dev.netpollab.lab.LabImages;
import dev.netpollab.scenario.WorldExternal;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A scenario's endpoints outside the cluster: agnhost containers with the scenario's addresses, each on a
 * Docker network of its own (the smallest subnet around the address, see {@link ExternalSubnets}), which the
 * k3s node container also joins, so a pod's packet leaves the node, NATed by Calico, and reaches the address
 * the policy names. Closing disconnects the node with force and checks that every network is really gone:
 * Docker refuses to remove a network with endpoints, and Testcontainers would swallow that refusal, leaving
 * a subnet that makes the next start fail with "Pool overlaps".
 */
final class ExternalEndpoints implements AutoCloseable {
    /** Label on every network netpol-lab creates, so a leftover can be found with {@code docker network ls -f label=...}. */
    static final String LABEL = "dev.netpollab.external";

    /** What this class needs from Docker; a fake in tests. */
    interface Docker {
        /** Every network's name and IPv4 subnets. */
        List<ExternalSubnets.Taken> networks();

        String createNetwork(String name, String subnet, String gateway);

        void connect(String network, String container, String ip);

        /** Disconnects with force (the container may already be gone). */
        void disconnect(String network, String container);

        void removeNetwork(String network);

        boolean networkExists(String network);

        /** Starts an endpoint serving its ports at its address on the network; closing it removes the container. */
        AutoCloseable runEndpoint(WorldExternal e, String network);
    }

    private final Docker docker;
    private final String node;
    private final List<String> networks = new ArrayList<>();
    private final List<AutoCloseable> endpoints = new ArrayList<>();

    private ExternalEndpoints(Docker docker, String node) {
        this.docker = docker;
        this.node = node;
    }

    static ExternalEndpoints start(List<WorldExternal> externals, String nodeContainerId) {
        return start(externals, nodeContainerId, new DockerApi(DockerClientFactory.instance().client()),
                List.of(new ExternalSubnets.Taken("the cluster's pod network", ClusterData.clusterCidr()),
                        new ExternalSubnets.Taken("the cluster's Service network", ClusterData.serviceCidr())));
    }

    /**
     * @param reserved ranges besides Docker's networks that the endpoints must not overlap
     * @throws LabException naming the clash or the step that failed; whatever was created is removed again
     */
    static ExternalEndpoints start(List<WorldExternal> externals, String nodeContainerId, Docker docker, List<ExternalSubnets.Taken> reserved) {
        List<ExternalSubnets.Plan> plans = ExternalSubnets.plan(externals);
        List<ExternalSubnets.Taken> taken = new ArrayList<>(reserved);
        taken.addAll(docker.networks());
        ExternalSubnets.clash(plans, taken).ifPresent(why -> {
            throw new LabException("the endpoints outside the cluster cannot be placed: " + why);
        });
        ExternalEndpoints out = new ExternalEndpoints(docker, nodeContainerId);
        try {
            for (ExternalSubnets.Plan p : plans) {
                String net = docker.createNetwork("netpol-lab-ext-" + UUID.randomUUID().toString().substring(0, 8), p.subnet(), p.gateway());
                out.networks.add(net);
                for (WorldExternal e : p.endpoints()) {
                    out.endpoints.add(docker.runEndpoint(e, net));
                }
                docker.connect(net, nodeContainerId, p.node());
            }
            return out;
        } catch (RuntimeException ex) {
            try {
                out.close();
            } catch (LabException suppressed) {
                ex.addSuppressed(suppressed);
            }
            throw new LabException("the endpoints outside the cluster could not be started (" + LabException.rootMessage(ex)
                    + "); scenarios with ext: targets need the embedded lab on this machine", ex);
        }
    }

    /**
     * Removes the endpoints and networks; a network that is still there is kept for another try.
     *
     * @throws LabException when a network is still there afterwards, with the command that removes it
     */
    @Override
    public void close() {
        for (AutoCloseable e : endpoints) {
            try {
                e.close();
            } catch (Exception ignored) {
                // The network removal below reports what is left.
            }
        }
        endpoints.clear();
        List<String> left = new ArrayList<>();
        for (String net : networks) {
            try {
                docker.disconnect(net, node);
            } catch (RuntimeException ignored) {
                // Not connected (start failed before), or already gone.
            }
            try {
                docker.removeNetwork(net);
            } catch (RuntimeException ignored) {
                // Checked below.
            }
            if (docker.networkExists(net)) {
                left.add(net);
            }
        }
        networks.clear();
        networks.addAll(left);  // a second close (after the node is gone) tries these again
        if (!left.isEmpty()) {
            throw new LabException("Docker network(s) " + String.join(", ", left) + " could not be removed and would block the next start "
                    + "(\"Pool overlaps\"); remove them with `docker network rm " + String.join(" ", left) + "`");
        }
    }

    /** The real Docker, through Testcontainers' docker-java client. */
    static final class DockerApi implements Docker {
        private final DockerClient client;

        DockerApi(DockerClient client) {
            this.client = client;
        }

        @Override
        public List<ExternalSubnets.Taken> networks() {
            List<ExternalSubnets.Taken> out = new ArrayList<>();
            for (var n : client.listNetworksCmd().exec()) {
                if (n.getIpam() != null && n.getIpam().getConfig() != null) {
                    n.getIpam().getConfig().stream().map(Ipam.Config::getSubnet).filter(Objects::nonNull)
                            .forEach(s -> out.add(new ExternalSubnets.Taken("Docker network " + n.getName(), s)));
                }
            }
            return out;
        }

        @Override
        public String createNetwork(String name, String subnet, String gateway) {
            return client.createNetworkCmd().withName(name).withLabels(Map.of(LABEL, "true"))
                    .withIpam(new Ipam().withConfig(new Ipam.Config().withSubnet(subnet).withGateway(gateway))).exec().getId();
        }

        @Override
        public void connect(String network, String container, String ip) {
            client.connectToNetworkCmd().withNetworkId(network).withContainerId(container)
                    .withContainerNetwork(new ContainerNetwork().withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(ip))).exec();
        }

        @Override
        public void disconnect(String network, String container) {
            client.disconnectFromNetworkCmd().withNetworkId(network).withContainerId(container).withForce(true).exec();
        }

        @Override
        public void removeNetwork(String network) {
            client.removeNetworkCmd(network).exec();
        }

        @Override
        public boolean networkExists(String network) {
            try {
                client.inspectNetworkCmd().withNetworkId(network).exec();
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        }

        @Override
        public AutoCloseable runEndpoint(WorldExternal e, String network) {
            GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(LabImages.probe())).withCommand("porter")
                    .withNetworkMode(network).withCreateContainerCmdModifier(cmd -> cmd.withIpv4Address(e.ip()));
            for (int port : e.ports()) {
                c.withEnv("SERVE_PORT_" + port, e.name());
            }
            c.start();
            return c::stop;
        }
    }
}
