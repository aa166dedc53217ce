package dev.netpollab.lab.k3s;

import dev.netpollab.lab.LabException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The patches of cluster/calico-patches.yaml, applied to a fixture with the structure of calico.yaml. */
class CalicoPatcherTest {
    private static final Map<String, String> VARS = Map.of("clusterCidr", "10.42.0.0/16", "cniBinDir", "/var/lib/rancher/k3s/data/cni",
            "cniConfDir", "/var/lib/rancher/k3s/agent/etc/cni/net.d");
    private List<HasMetadata> objects;
    private List<String> changes;

    @BeforeEach
    void patch() throws Exception {
        String text = Files.readString(Path.of("src/test/resources/calico/calico-fixture.yaml"));
        objects = CalicoManifest.objects(new CalicoManifest.Source(text, "fixture", CalicoManifest.sha256(text)));
        changes = CalicoPatcher.apply(objects, ClusterData.calicoPatches(), VARS);
    }

    private DaemonSet node() {
        return objects.stream().filter(DaemonSet.class::isInstance).map(DaemonSet.class::cast).findFirst().orElseThrow();
    }

    private PodSpec spec() {
        return node().getSpec().getTemplate().getSpec();
    }

    private Container calicoNode() {
        return spec().getContainers().get(0);
    }

    private Optional<String> env(String name) {
        return calicoNode().getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue).findFirst();
    }

    @Test
    @DisplayName("allow_ip_forwarding is added to the calico plugin; the template keeps its bare placeholders")
    void cniConfig() {
        ConfigMap cm = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast).findFirst().orElseThrow();
        String t = cm.getData().get("cni_network_config");
        assertThat(t).contains("\"mtu\" : __CNI_MTU__,").contains("\"nodename\" : \"__KUBERNETES_NODE_NAME__\"");
        var tree = JsonMapper.builder().build().readTree(t.replace("__CNI_MTU__", "1440"));
        assertThat(tree.at("/plugins/0/container_settings/allow_ip_forwarding").asBoolean()).isTrue();
        assertThat(tree.at("/plugins/1/container_settings").isMissingNode()).isTrue();
    }

    @Test
    @DisplayName("the pool equals the cluster CIDR, IPIP is off and the address is taken from eth0")
    void env() {
        assertThat(env("CALICO_IPV4POOL_CIDR")).contains("10.42.0.0/16");
        assertThat(env("CALICO_IPV4POOL_IPIP")).contains("Never");
        assertThat(env("IP_AUTODETECTION_METHOD")).contains("interface=eth0");
        assertThat(env("IP")).contains("autodetect");
    }

    @Test
    @DisplayName("the eBPF init container and its volumes go; the other init containers and volumes stay")
    void ebpfRemoved() {
        assertThat(spec().getInitContainers()).extracting(Container::getName).containsExactly("upgrade-ipam", "install-cni");
        assertThat(spec().getVolumes()).extracting(Volume::getName).doesNotContain("sys-fs", "nodeproc")
                .contains("var-run-calico", "bpffs", "cni-bin-dir", "cni-net-dir");
        assertThat(changes).anySatisfy(c -> assertThat(c).contains("init containers removed: ebpf-bootstrap"));
    }

    @Test
    @DisplayName("the CNI directories point where k3s's containerd looks")
    void cniDirs() {
        assertThat(spec().getVolumes().stream().filter(v -> v.getName().equals("cni-bin-dir")).findFirst().orElseThrow().getHostPath().getPath())
                .isEqualTo("/var/lib/rancher/k3s/data/cni");
        assertThat(spec().getVolumes().stream().filter(v -> v.getName().equals("cni-net-dir")).findFirst().orElseThrow().getHostPath().getPath())
                .isEqualTo("/var/lib/rancher/k3s/agent/etc/cni/net.d");
    }

    @Test
    @DisplayName("every patch of the data file says what it changed; the untouched objects are kept")
    void report() {
        assertThat(changes).hasSize(ClusterData.calicoPatches().size());
        assertThat(ClusterData.calicoPatches()).allSatisfy(p -> assertThat(p.why()).isNotBlank());
        assertThat(objects).hasSize(4);
    }

    @Test
    @DisplayName("a manifest without the expected objects fails with the object named")
    void missingTarget() {
        List<HasMetadata> noDaemonSet = objects.stream().filter(o -> !(o instanceof DaemonSet)).toList();
        assertThatThrownBy(() -> CalicoPatcher.apply(new java.util.ArrayList<>(noDaemonSet), ClusterData.calicoPatches(), VARS))
                .isInstanceOf(LabException.class).hasMessage("Calico manifest: no DaemonSet named calico-node");
    }

    @Test
    @DisplayName("the pinned manifest is checked: a file with another checksum is refused, by name")
    void checksum(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("calico.yaml");
        Files.writeString(f, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");
        assertThatThrownBy(() -> CalicoManifest.load(Optional.of(f), ClusterData.calico(), s -> { }))
                .isInstanceOf(LabException.class).hasMessageContaining(f + " has sha256 ").hasMessageContaining("not a pinned Calico manifest");
        assertThat(ClusterData.calico().version()).isIn("v3.31.6", "v3.32.1");
    }
}
