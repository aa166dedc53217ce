package dev.netpollab.cli;

import dev.netpollab.lab.LabException;
import dev.netpollab.lab.LabProgress;
import dev.netpollab.lab.k3s.DockerEnvironment;
import dev.netpollab.scenario.UserError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LabChooserTest {
    private static LabOptions opts(String lab, String cni) {
        LabOptions g = new LabOptions();
        g.lab = lab;
        g.cni = cni;
        return g;
    }

    @Test
    @DisplayName("bad --cni and unknown --lab are one clear message naming the choices")
    void badFlags() {
        assertThatThrownBy(() -> LabChooser.choose(opts(null, "cilium"))).isInstanceOf(UserError.class)
                .hasMessage("--cni must be calico or k3s, not \"cilium\"");
        assertThatThrownBy(() -> LabChooser.choose(opts("kind", "calico"))).isInstanceOf(UserError.class)
                .hasMessage("unknown lab \"kind\": choose embedded, k3s or cluster");
    }

    @Test
    @DisplayName("explicit labs: embedded has no fallback; k3s may fall back to embedded; cluster names its context")
    void explicit() {
        assertThat(LabChooser.choose(opts("embedded", "calico"))).satisfies(c -> {
            assertThat(c.kind()).isEqualTo("embedded");
            assertThat(c.fallback()).isFalse();
        });
        assertThat(LabChooser.choose(opts("k3s", "k3s"))).satisfies(c -> {
            assertThat(c.kind()).isEqualTo("k3s");
            assertThat(c.fallback()).isTrue();
            assertThat(c.note()).contains("k3s with k3s");
        });
        LabOptions g = opts("cluster", "calico");
        g.context = "kind-cks";
        assertThat(LabChooser.choose(g).note()).contains("context kind-cks").contains("enforces NetworkPolicy");
        assertThat(LabChooser.choose(g).fallback()).as("an existing cluster that fails is not silently replaced").isFalse();
    }

    @Test
    @DisplayName("no --lab and no Docker endpoint: the embedded lab, and the banner says why")
    void automaticWithoutDocker() {
        assumeTrue(DockerEnvironment.endpointHint().isEmpty(), "this machine has a Docker endpoint");
        LabChooser.Choice c = LabChooser.choose(opts(null, "calico"));
        assertThat(c.kind()).isEqualTo("embedded");
        assertThat(c.note()).contains("(not k3s: " + DockerEnvironment.noEndpointReason(DockerEnvironment.cli()) + ")");
    }

    @Test
    @DisplayName("without an endpoint, the reason tells a Docker that is not installed from a daemon that is not running")
    void dockerMissingOrDown() {
        assertThat(DockerEnvironment.noEndpointReason(java.util.Optional.of(java.nio.file.Path.of("/usr/bin/docker"))))
                .startsWith("the docker command is installed, but no Docker daemon is running");
        assertThat(DockerEnvironment.noEndpointReason(java.util.Optional.empty())).startsWith("Docker is not installed");
        assertThat(LabChooser.embeddedBecause("the Docker daemon does not answer at unix:///var/run/docker.sock").note())
                .startsWith(LabChooser.EMBEDDED_NOTE).endsWith("(not k3s: the Docker daemon does not answer at unix:///var/run/docker.sock)");
    }

    @Test
    @DisplayName("the k3s starter without Docker fails at once with the reason, before any image is fetched")
    void k3sWithoutDocker() {
        assumeTrue(DockerEnvironment.unavailableReason().isPresent(), "Docker answers on this machine");
        var starter = LabChooser.choose(opts("k3s", "calico")).starter();
        assertThatThrownBy(() -> starter.apply(LabProgress.NONE)).isInstanceOf(LabException.class)
                .hasMessageStartingWith("the k3s lab needs Docker: ");
    }
}
