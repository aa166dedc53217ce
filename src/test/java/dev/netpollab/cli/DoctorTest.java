package dev.netpollab.cli;

import dev.netpollab.lab.k3s.ClusterData;
import dev.netpollab.lab.k3s.DockerEnvironment;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** doctor's report for given facts: every problem has a fix under it, and the verdict follows the facts. */
class DoctorTest {
    private static final Runtime.Version J17 = Runtime.Version.parse("17.0.12");
    private static final DockerEnvironment.Privileged OK = new DockerEnvironment.Privileged(true, "allowed (tried: k3s --version in a privileged container)");

    private static Doctor.Facts healthy() {
        return new Doctor.Facts(J17, Optional.empty(), OK, List.of(), Optional.of("/usr/bin/kubectl"), List.of(),
                ClusterData.preloadImages().size(), true, 50L << 30, "/home/u/.netpol-lab");
    }

    @Test
    @DisplayName("all good: only ticks, no fixes, and the k3s lab can run")
    void healthyMachine() {
        List<String> out = Doctor.report(healthy());
        assertThat(out).noneMatch(l -> l.startsWith("✗")).noneMatch(l -> l.contains("fix:"));
        assertThat(out).contains("✓ kubectl: /usr/bin/kubectl", "✓ privileged containers: allowed (tried: k3s --version in a privileged container)",
                "✓ images in Docker: k3s and Testcontainers' helpers present", "✓ free disk at /home/u/.netpol-lab: 50 GiB");
        assertThat(out.get(out.size() - 1)).isEqualTo("The k3s lab can run here.");
    }

    @Test
    @DisplayName("no Docker: the reason, a fix, privileged not checked, and the embedded lab as the verdict")
    void noDocker() {
        Doctor.Facts f = new Doctor.Facts(J17, Optional.of("no Docker endpoint (DOCKER_HOST is unset and no docker.sock was found)"), null, null,
                Optional.empty(), ClusterData.preloadImages(), ClusterData.preloadImages().size(), false, 50L << 30, "/h");
        List<String> out = Doctor.report(f);
        assertThat(out).contains("✗ Docker: no Docker endpoint (DOCKER_HOST is unset and no docker.sock was found)",
                "- privileged containers: not checked (Docker is not reachable)", "- images in Docker: not checked (Docker is not reachable)",
                "✗ kubectl: not installed");
        assertThat(out).anyMatch(l -> l.startsWith("✗ cached images: 0/" + ClusterData.preloadImages().size() + " (missing: "));
        assertThat(out).anyMatch(l -> l.startsWith("✗ Calico manifest " + ClusterData.calico().version() + ": not cached"));
        // Each ✗ line is followed by its fix.
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).startsWith("✗")) {
                assertThat(out.get(i + 1)).as("fix under " + out.get(i)).startsWith("    fix: ");
            }
        }
        assertThat(out.get(out.size() - 1)).startsWith("The embedded lab runs here");
    }

    @Test
    @DisplayName("rootless Docker, old Java and a full disk are each named, and block the k3s verdict")
    void blockers() {
        Doctor.Facts rootless = new Doctor.Facts(J17, Optional.empty(), new DockerEnvironment.Privileged(false, "Docker runs rootless"), List.of(), Optional.empty(), List.of(),
                1, true, 50L << 30, "/h");
        assertThat(Doctor.report(rootless)).contains("✗ privileged containers: Docker runs rootless").last().asString().startsWith("The embedded lab");

        Doctor.Facts oldJava = new Doctor.Facts(Runtime.Version.parse("11.0.2"), Optional.empty(), OK, List.of(), Optional.empty(), List.of(),
                1, true, 50L << 30, "/h");
        assertThat(Doctor.report(oldJava).get(0)).isEqualTo("✗ Java 11.0.2 — netpol-lab needs Java 17 or newer");

        Doctor.Facts disk = new Doctor.Facts(J17, Optional.empty(), OK, List.of(), Optional.empty(), List.of(), 1, true, 1L << 30, "/h");
        assertThat(Doctor.report(disk)).contains("✗ free disk at /h: 1 GiB").anyMatch(l -> l.contains("needs about 4 GiB"));
    }

    @Test
    @DisplayName("Docker inside an unprivileged container: the refusal is Docker's own words, with a fix")
    void refusedPrivileged() {
        Doctor.Facts f = new Doctor.Facts(J17, Optional.empty(), new DockerEnvironment.Privileged(false,
                "Docker refused a privileged container: unable to apply caps: operation not permitted"), List.of("rancher/k3s:v1.33.4-k3s1"),
                Optional.empty(), List.of(), 1, true, 50L << 30, "/h");
        List<String> out = Doctor.report(f);
        assertThat(out).contains("✗ privileged containers: Docker refused a privileged container: unable to apply caps: operation not permitted",
                "✗ images in Docker: missing rancher/k3s:v1.33.4-k3s1");
        assertThat(out.get(out.indexOf("✗ images in Docker: missing rancher/k3s:v1.33.4-k3s1") + 1)).contains("docker load");
        assertThat(out).last().asString().startsWith("The embedded lab runs here");
    }

    @Test
    @DisplayName("images still to fetch do not block the k3s lab; the verdict says they will be pulled")
    void imagesToPull() {
        Doctor.Facts f = new Doctor.Facts(J17, Optional.empty(), OK, List.of(), Optional.empty(), List.of("quay.io/calico/node:v3.31.6"),
                3, false, 50L << 30, "/h");
        assertThat(Doctor.report(f)).contains("✗ cached images: 2/3 (missing: quay.io/calico/node:v3.31.6)")
                .last().isEqualTo("The k3s lab can run here (images will be pulled on first start).");
    }
}
