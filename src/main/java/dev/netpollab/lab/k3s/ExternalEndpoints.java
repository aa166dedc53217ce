package dev.netpollab.lab.k3s;

import com.github.dockerjava.api.model.Network.Ipam;
import dev.netpollab.lab.LabException;
import dev.netpollab.lab.LabImages;
import dev.netpollab.scenario.WorldExternal;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

import java.util.ArrayList;
import java.util.List;

/**
 * A scenario's endpoints outside the cluster, as agnhost containers with the scenario's IP on a Docker
 * network of their own (a /24 around the address), which the k3s node container also joins: a pod's
 * packet leaves the node, NATed by Calico, and reaches the address the policy names.
 */
final class ExternalEndpoints implements AutoCloseable {
    private final List<GenericContainer<?>> containers = new ArrayList<>();
    private final List<Network> networks = new ArrayList<>();

    static ExternalEndpoints start(List<WorldExternal> externals, String nodeContainerId) {
        ExternalEndpoints out = new ExternalEndpoints();
        try {
            for (WorldExternal e : externals) {
                String subnet = e.ip().substring(0, e.ip().lastIndexOf('.')) + ".0/24";
                Network net = Network.builder().createNetworkCmdModifier(cmd -> cmd.withIpam(new Ipam()
                        .withConfig(new Ipam.Config().withSubnet(subnet)))).build();
                out.networks.add(net);
                DockerClientFactory.instance().client().connectToNetworkCmd().withNetworkId(net.getId()).withContainerId(nodeContainerId).exec();
                GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(LabImages.probe())).withNetwork(net)
                        .withCommand("porter")
                        .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withNetworkMode(net.getId()));
                for (int port : e.ports()) {
                    c.withEnv("SERVE_PORT_" + port, e.name());
                }
                c.withCreateContainerCmdModifier(cmd -> cmd.withIpv4Address(e.ip()));
                c.start();
                out.containers.add(c);
            }
            return out;
        } catch (RuntimeException ex) {
            out.close();
            throw new LabException("the endpoints outside the cluster could not be started (" + ex.getMessage()
                    + "); scenarios with ext: targets need the embedded lab on this machine", ex);
        }
    }

    @Override
    public void close() {
        containers.forEach(GenericContainer::stop);
        networks.forEach(Network::close);
        containers.clear();
        networks.clear();
    }
}
