package dev.netpollab.lab.k3s;

import dev.netpollab.lab.LabException;
import dev.netpollab.lab.LabProgress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Images are pulled and saved for the Docker daemon's own platform (Apple Silicon, Graviton), and a boot that
 * fails on the way still leaves a diagnostics bundle. A stand-in {@code docker} command records what it is asked.
 */
class DockerPlatformTest {
    @TempDir
    Path dir;
    private Path log;

    @BeforeEach
    void fakeDocker() throws Exception {
        log = dir.resolve("docker.log");
        Path docker = dir.resolve("docker");
        Files.writeString(docker, """
                #!/bin/sh
                echo "$*" >> '%s'
                case "$1 $2" in
                  "version --format") echo linux/arm64 ;;
                  "version ") printf 'Client: Docker Engine\\nServer: Docker Engine\\n Version: 27.3.1\\n OS/Arch: linux/arm64\\n' ;;
                  "image inspect") [ "$3" = "cached:1" ] || { echo "Error: No such image: $3" >&2; exit 1; } ;;
                  "pull --platform") echo "Error response from daemon: Get \\"https://registry-1.docker.io/v2/\\": dial tcp: lookup registry-1.docker.io: no such host" >&2; exit 1 ;;
                  "save --platform") touch "$5" ;;
                  *) exit 1 ;;
                esac
                """.formatted(dir.resolve("docker.log")));
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
        System.setProperty("netpollab.docker", docker.toString());
        System.setProperty("netpollab.home", dir.resolve("home").toString());
    }

    @AfterEach
    void restore() {
        System.clearProperty("netpollab.docker");
        System.clearProperty("netpollab.home");
    }

    @Test
    @DisplayName("the platform comes from `docker version`; amd64 only when the daemon cannot tell")
    void platform() {
        assertThat(DockerCli.platform()).isEqualTo("linux/arm64");
        assertThat(DockerCli.platformOf(new DockerCli.Result(0, "linux/amd64\n"))).isEqualTo("linux/amd64");
        assertThat(DockerCli.platformOf(new DockerCli.Result(1, "Cannot connect to the Docker daemon"))).isEqualTo("linux/amd64");
    }

    @Test
    @DisplayName("pull and save ask for the daemon's platform, never a hard-coded amd64")
    void pullAndSave() throws Exception {
        assertThatThrownBy(() -> DockerCli.ensureImage("missing:1")).isInstanceOf(LabException.class)
                .hasMessageStartingWith("could not pull missing:1: Error response from daemon");
        List<Path> tars = ImageCache.ensure(List.of("cached:1"), LabProgress.NONE);
        assertThat(tars.get(0)).exists();
        assertThat(Files.readAllLines(log)).contains("pull --platform linux/arm64 missing:1")
                .anyMatch(l -> l.startsWith("save --platform linux/arm64 -o ") && l.endsWith(" cached:1"))
                .noneMatch(l -> l.contains("amd64"));
    }

    @Test
    @DisplayName("a boot that fails (here: the k3s image cannot be pulled) says why and where its diagnostics bundle is")
    void failedBootWritesBundle() throws Exception {
        Path bundles = dir.resolve("bundles");
        assertThatThrownBy(() -> K3sLab.start(new K3sLab.Options("calico", false, Optional.empty()), LabProgress.NONE, bundles))
                .isInstanceOf(LabException.class)
                .hasMessageStartingWith("could not pull " + ClusterData.k3sImage() + ": Error response from daemon")
                .hasMessageContaining("no such host")
                .hasMessageContaining("diagnostics written to " + bundles);
        Path bundle;
        try (var list = Files.list(bundles)) {
            bundle = list.findFirst().orElseThrow();
        }
        assertThat(Files.readString(bundle.resolve("versions.txt"))).contains("k3s image " + ClusterData.k3sImage()).contains("OS/Arch: linux/arm64");
        assertThat(Files.readString(bundle.resolve("error.txt"))).contains("could not pull");
        assertThat(Files.readString(bundle.resolve("README.txt"))).contains("reason: the k3s lab could not start");
    }
}
