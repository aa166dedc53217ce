package dev.netpollab.lab.k3s;

import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitAllStrategy;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The k3s container as a value: image, server command, files to copy in and reuse. Kept apart from
 * {@link K3sContainer} because constructing one already asks Docker for its host address.
 *
 * @param copies host file → path inside the container
 */
public record K3sSpec(String image, String cni, List<String> command, Map<Path, String> copies, boolean reuse) {
    /** Where k3s imports image tarballs from at start, so Calico's images need no registry. */
    static final String IMAGE_DIR = "/var/lib/rancher/k3s/agent/images/";

    public static K3sSpec of(K3sLab.Options o, List<Path> imageTars, String dockerHost) {
        Map<Path, String> copies = new LinkedHashMap<>();
        imageTars.forEach(t -> copies.put(t, IMAGE_DIR + t.getFileName()));
        // The API certificate must name the address clients reach it on (the Docker host), or TLS fails.
        return new K3sSpec(ClusterData.k3sImage(), o.cni(), command(o.cni(), dockerHost), Map.copyOf(copies), o.reuse());
    }

    /** The k3s server command line for a CNI mode. */
    public static List<String> command(String cni, String host) {
        return ClusterData.flags(cni, Map.of("host", host, "clusterCidr", ClusterData.clusterCidr()));
    }

    /**
     * Trap 1: with flannel off, K3sContainer's default wait (a flannel log line) never comes; wait for the
     * kubeconfig and "k3s is up and running" instead. The built-in mode keeps flannel and the default.
     */
    public WaitStrategy waitStrategy() {
        Duration timeout = Duration.ofSeconds(ClusterData.timeoutSeconds("startup-timeout"));
        if (cni.equals("k3s")) {
            return Wait.forLogMessage(".*Node controller sync successful.*", 1).withStartupTimeout(timeout);
        }
        return new WaitAllStrategy(WaitAllStrategy.Mode.WITH_OUTER_TIMEOUT).withStrategy(Wait.forLogMessage(".*Wrote kubeconfig.*", 1))
                .withStrategy(Wait.forLogMessage(".*k3s is up and running.*", 1)).withStartupTimeout(timeout);
    }

    /** The container, configured but not started (K3sContainer itself makes it privileged). Needs Docker. */
    public K3sContainer container() {
        K3sContainer c = new K3sContainer(DockerImageName.parse(image));
        c.withCommand(command.toArray(String[]::new));
        c.waitingFor(waitStrategy());
        copies.forEach((host, inside) -> c.withCopyFileToContainer(MountableFile.forHostPath(host), inside));
        c.withReuse(reuse);
        return c;
    }
}
