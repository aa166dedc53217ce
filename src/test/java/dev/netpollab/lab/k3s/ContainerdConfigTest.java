package dev.netpollab.lab.k3s;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Trap 6: the CNI directories, read from both layouts of containerd's rendered config.toml. */
class ContainerdConfigTest {
    @Test
    @DisplayName("version 2: bin_dir and conf_dir under plugins.\"io.containerd.grpc.v1.cri\".cni")
    void version2() {
        var d = ContainerdConfig.parse("""
                version = 2
                [plugins."io.containerd.grpc.v1.cri"]
                  stream_server_address = "127.0.0.1"
                [plugins."io.containerd.grpc.v1.cri".cni]
                  bin_dir = "/var/lib/rancher/k3s/data/cni"
                  conf_dir = "/var/lib/rancher/k3s/agent/etc/cni/net.d"
                [plugins."io.containerd.grpc.v1.cri".containerd]
                  snapshotter = "overlayfs"
                """);
        assertThat(d.found()).isTrue();
        assertThat(d.binDir()).isEqualTo("/var/lib/rancher/k3s/data/cni");
        assertThat(d.confDir()).isEqualTo("/var/lib/rancher/k3s/agent/etc/cni/net.d");
    }

    @Test
    @DisplayName("version 3: bin_dirs list under plugins.'io.containerd.cri.v1.runtime'.cni")
    void version3() {
        var d = ContainerdConfig.parse("""
                version = 3
                [plugins.'io.containerd.cri.v1.runtime']
                  enable_selinux = false
                [plugins.'io.containerd.cri.v1.runtime'.cni]
                  bin_dirs = ['/var/lib/rancher/k3s/data/current/bin', '/opt/cni/bin']
                  conf_dir = '/var/lib/rancher/k3s/agent/etc/cni/net.d'
                [plugins.'io.containerd.cri.v1.images']
                  snapshotter = 'overlayfs'
                """);
        assertThat(d.binDirs()).isEqualTo(List.of("/var/lib/rancher/k3s/data/current/bin", "/opt/cni/bin"));
        assertThat(d.confDir()).isEqualTo("/var/lib/rancher/k3s/agent/etc/cni/net.d");
    }

    @Test
    @DisplayName("no cni table (flannel off on the stored v2 template): containerd's defaults")
    void defaults() {
        var d = ContainerdConfig.parse("""
                version = 2
                [plugins."io.containerd.grpc.v1.cri".containerd]
                  snapshotter = "overlayfs"
                """);
        assertThat(d.found()).isFalse();
        assertThat(d.binDir()).isEqualTo("/opt/cni/bin");
        assertThat(d.confDir()).isEqualTo("/etc/cni/net.d");
    }
}
