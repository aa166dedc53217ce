package dev.netpollab.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A manifest the user got wrong is the user's to fix: exit 2 and one line, never "internal error" (exit 70). */
class CalicoManifestCommandTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("a file that is not a pinned Calico manifest: exit 2, one line naming the file and the pins; --calico-manifest is --from")
    void unpinnedFile() throws IOException {
        Path file = Files.writeString(dir.resolve("calico.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: not-calico}\n");
        for (String flag : new String[]{"--from", "--calico-manifest"}) {
            CliRun r = CliRun.of("calico-manifest", flag, file.toString());
            assertThat(r.exitCode()).as(flag).isEqualTo(Main.INVALID_INPUT);
            assertThat(r.out()).isEmpty();
            assertThat(r.err().lines().toList()).as(flag).singleElement().asString()
                    .startsWith("error: " + file + " has sha256 ").contains("which is not a pinned Calico manifest");
        }
    }

    @Test
    @DisplayName("a missing file: exit 2, one line")
    void missingFile() {
        CliRun r = CliRun.of("calico-manifest", "--calico-manifest", dir.resolve("nope.yaml").toString());
        assertThat(r.exitCode()).isEqualTo(Main.INVALID_INPUT);
        assertThat(r.err()).isEqualTo("error: --from " + dir.resolve("nope.yaml") + ": no such file\n");
    }

    @Test
    @DisplayName("a bad --cluster-cidr: exit 2, one line")
    void badCidr() throws IOException {
        CliRun r = CliRun.of("calico-manifest", "--cluster-cidr", "10.42.0.0/99", "--from", dir.resolve("nope.yaml").toString());
        assertThat(r.exitCode()).isEqualTo(Main.INVALID_INPUT);
        assertThat(r.err().lines()).hasSize(1);
    }
}
