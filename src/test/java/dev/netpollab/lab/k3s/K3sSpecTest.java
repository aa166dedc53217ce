package dev.netpollab.lab.k3s;

import dev.netpollab.lab.LabException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.wait.strategy.LogMessageWaitStrategy;
import org.testcontainers.containers.wait.strategy.WaitAllStrategy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The k3s container as configured, before anything starts: command line, wait strategy, preloaded images. */
class K3sSpecTest {
    @Test
    @DisplayName("Calico mode: flannel and the built-in controller off, the cluster CIDR equal to Calico's pool, server and tls-san kept")
    void calicoCommand() {
        assertThat(K3sSpec.command("calico", "docker-host")).containsExactly("server", "--disable=traefik", "--disable=servicelb",
                "--disable=metrics-server", "--disable=local-storage", "--flannel-backend=none", "--disable-network-policy",
                "--cluster-cidr=10.42.0.0/16", "--tls-san=docker-host", "--egress-selector-mode=disabled");
    }

    @Test
    @DisplayName("built-in mode keeps flannel and k3s's policy controller")
    void builtinCommand() {
        assertThat(K3sSpec.command("k3s", "h")).doesNotContain("--flannel-backend=none", "--disable-network-policy")
                .contains("server", "--cluster-cidr=10.42.0.0/16", "--tls-san=h");
        assertThatThrownBy(() -> K3sSpec.command("cilium", "h")).isInstanceOf(LabException.class).hasMessageContaining("calico or k3s");
    }

    @Test
    @DisplayName("trap 1: Calico mode waits for the kubeconfig and 'k3s is up and running', not for a flannel log line")
    void waitStrategy() throws Exception {
        var w = spec("calico").waitStrategy();
        assertThat(w).isInstanceOf(WaitAllStrategy.class);
        var f = WaitAllStrategy.class.getDeclaredField("strategies");
        f.setAccessible(true);
        List<?> parts = (List<?>) f.get(w);
        assertThat(parts).hasSize(2).allMatch(LogMessageWaitStrategy.class::isInstance);
        var regex = LogMessageWaitStrategy.class.getDeclaredField("regEx");
        regex.setAccessible(true);
        assertThat(parts.stream().map(p -> {
            try {
                return (String) regex.get(p);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        })).containsExactly(".*Wrote kubeconfig.*", ".*k3s is up and running.*");
        assertThat(spec("k3s").waitStrategy()).isInstanceOf(LogMessageWaitStrategy.class);
    }

    @Test
    @DisplayName("the container: pinned image, our command with the Docker host as TLS SAN, cached image tars copied where k3s imports them")
    void spec(@TempDir Path dir) {
        Path tar = dir.resolve("quay.io_calico_node_v3.31.6.tar");
        K3sSpec s = K3sSpec.of(new K3sLab.Options("calico", false, Optional.empty()), List.of(tar), "docker-host");
        assertThat(s.image()).isEqualTo(ClusterData.k3sImage()).startsWith("rancher/k3s:v1.3").doesNotEndWith(":latest");
        assertThat(s.command()).startsWith("server").contains("--flannel-backend=none", "--tls-san=docker-host");
        assertThat(s.copies()).containsExactly(Map.entry(tar, "/var/lib/rancher/k3s/agent/images/quay.io_calico_node_v3.31.6.tar"));
        assertThat(s.reuse()).isFalse();
        assertThat(K3sSpec.of(new K3sLab.Options("k3s", true, Optional.empty()), List.of(), "h").reuse()).isTrue();
    }

    private static K3sSpec spec(String cni) {
        return K3sSpec.of(new K3sLab.Options(cni, false, Optional.empty()), List.of(), "h");
    }

    @Test
    @DisplayName("images are pinned, never :latest, and their cache files are named after them")
    void images() {
        assertThat(ClusterData.preloadImages()).isNotEmpty().allSatisfy(i -> assertThat(i).contains(":").doesNotEndWith(":latest"));
        assertThat(ImageCache.tarFor("quay.io/calico/node:v3.31.6").getFileName().toString()).isEqualTo("quay.io_calico_node_v3.31.6.tar");
        assertThat(ClusterData.preloadImages()).contains("quay.io/calico/node:" + ClusterData.calico().version());
    }

    @Test
    @DisplayName("cluster data fills variables and refuses a flag with an unknown one")
    void variables() {
        assertThat(ClusterData.fill("--cluster-cidr=${clusterCidr}", Map.of("clusterCidr", "10.1.0.0/16"))).isEqualTo("--cluster-cidr=10.1.0.0/16");
        assertThatThrownBy(() -> ClusterData.fill("--x=${nope}", Map.of())).isInstanceOf(LabException.class);
    }
}
