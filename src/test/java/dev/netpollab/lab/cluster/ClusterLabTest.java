package dev.netpollab.lab.cluster;

import dev.netpollab.lab.ApiServer;
import dev.netpollab.lab.LabException;
import dev.netpollab.lab.LabProgress;
import dev.netpollab.lab.WorldManifests;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An existing cluster is only touched in netpol-lab-* namespaces, and those are removed on exit. */
class ClusterLabTest {
    @RegisterExtension
    static final ApiServer API = new ApiServer();
    private static final ScenarioLibrary library = ScenarioLibrary.load(List.of());

    @Test
    @DisplayName("adapt prefixes every namespace of the scenario: world, task text, broken policies, expectations, solution")
    void adapt() {
        ClusterLab lab = new ClusterLab(API.client(), "test", Path.of("kubeconfig"));
        Scenario s = library.require("or-that-should-be-and");
        Scenario a = lab.adapt(s);
        assertThat(a.world().scenarioNamespaces()).isNotEmpty().allMatch(n -> n.startsWith("netpol-lab-"));
        assertThat(a.world().namespace("kube-system")).as("DNS stays where the cluster has it").isPresent();
        String original = s.world().scenarioNamespaces().get(0);
        assertThat(a.task()).contains("netpol-lab-" + original);
        assertThat(a.solutionPolicies()).isNotEmpty().allMatch(p -> p.getMetadata().getNamespace().startsWith("netpol-lab-"));
        assertThat(a.brokenPolicies()).isNotEmpty().allMatch(p -> p.getMetadata().getNamespace().startsWith("netpol-lab-"));
        assertThat(lab.adapt(a).world().scenarioNamespaces()).as("adapting twice changes nothing").isEqualTo(a.world().scenarioNamespaces());
    }

    @Test
    @DisplayName("provision creates the prefixed, managed-by-labelled namespaces; close removes exactly those")
    void provisionAndClose() {
        var client = API.newClient();
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build()).create();
        ClusterLab lab = new ClusterLab(client, "test", Path.of("kubeconfig"));
        Scenario s = lab.adapt(library.require("or-that-should-be-and"));
        lab.provision(s, LabProgress.NONE);
        List<String> names = s.world().scenarioNamespaces();
        assertThat(names).allSatisfy(n -> assertThat(client.namespaces().withName(n).get().getMetadata().getLabels())
                .containsEntry(WorldManifests.MANAGED_BY, "netpol-lab"));

        lab.close();
        assertThat(names).allSatisfy(n -> assertThat(API.client().namespaces().withName(n).get()).isNull());
        assertThat(API.client().namespaces().withName("team-a").get()).as("never someone else's namespace").isNotNull();
    }

    @Test
    @DisplayName("scenarios with endpoints outside the cluster are refused with the reason; the others run")
    void externals() {
        ClusterLab lab = new ClusterLab(API.client(), "test", Path.of("kubeconfig"));
        Scenario ext = library.require("default-deny-egress-dns");
        assertThat(ext.world().externals()).isNotEmpty();
        assertThat(lab.cannotRun(ext)).hasValueSatisfying(why -> assertThat(why).startsWith("default-deny-egress-dns probes endpoints outside the cluster (ext:")
                .endsWith("run it on the k3s or embedded lab"));
        assertThat(lab.cannotRun(library.require("or-that-should-be-and"))).isEmpty();
        assertThat(library.scenarios().stream().filter(s -> ClusterLab.unsupported(s).isPresent()).count())
                .as("most of the library runs on an existing cluster").isLessThan(library.scenarios().size() / 3);
    }

    @Test
    @DisplayName("a scenario that was not adapted is refused before anything is created")
    void refusesUnprefixed() {
        ClusterLab lab = new ClusterLab(API.client(), "test", Path.of("kubeconfig"));
        Scenario s = library.require("or-that-should-be-and");
        assertThatThrownBy(() -> lab.provision(s, LabProgress.NONE)).isInstanceOf(LabException.class)
                .hasMessageContaining("only creates namespaces named netpol-lab-*");
        assertThat(API.client().namespaces().withName(s.world().scenarioNamespaces().get(0)).get()).isNull();
    }

    @Test
    @DisplayName("the canary's finding is carried: a cluster that rejects denied traffic grades refused as blocked")
    void carriesRejects(@TempDir Path bundles) {
        ClusterLab rejecting = ClusterLab.connect(API.newClient(), "k3d-x", Path.of("kubeconfig"),
                c -> new Canary.Result(true, true, "denied traffic is rejected (results are approximate)"), bundles, LabProgress.NONE);
        assertThat(rejecting.rejectsDenied()).isTrue();
        assertThat(dev.netpollab.probe.Probers.of(rejecting).rejectsDenied()).isTrue();
        rejecting.close();
        ClusterLab dropping = ClusterLab.connect(API.newClient(), "kind-x", Path.of("kubeconfig"),
                c -> new Canary.Result(true, false, "denied traffic is dropped"), bundles, LabProgress.NONE);
        assertThat(dropping.rejectsDenied()).isFalse();
        dropping.close();
        assertThat(bundles).isEmptyDirectory();
    }

    @Test
    @DisplayName("a canary that throws or finds no enforcement: the client is closed, and a diagnostics bundle is written and named")
    void failedStartClosesClientAndWritesBundle(@TempDir Path bundles) throws Exception {
        var client = API.newClient();
        assertThatThrownBy(() -> ClusterLab.connect(client, "kind-x", Path.of("kubeconfig"), c -> {
            throw new IllegalStateException("pods never became ready");
        }, bundles, LabProgress.NONE)).isInstanceOf(LabException.class)
                .hasMessageStartingWith("the canary failed on context kind-x: pods never became ready")
                .hasMessageContaining("diagnostics written to " + bundles);
        assertThat(client.getHttpClient().isClosed()).as("no leaked client").isTrue();
        Path bundle;
        try (var dirs = Files.list(bundles)) {
            bundle = dirs.findFirst().orElseThrow();
        }
        assertThat(Files.readString(bundle.resolve("error.txt"))).contains("pods never became ready");
        assertThat(Files.readString(bundle.resolve("pods-wide.txt"))).startsWith("NAMESPACE");
        assertThat(Files.readString(bundle.resolve("versions.txt"))).contains("context kind-x");
        assertThat(bundle.resolve("kubeconfig")).doesNotExist();

        var other = API.newClient();
        assertThatThrownBy(() -> ClusterLab.connect(other, "flannel", Path.of("kubeconfig"),
                c -> new Canary.Result(false, false, "a probe passed through a deny-all policy"), bundles, LabProgress.NONE))
                .hasMessageStartingWith("refusing context flannel: a probe passed through a deny-all policy");
        assertThat(other.getHttpClient().isClosed()).isTrue();
    }

    @Test
    @DisplayName("a missing kubeconfig, or a context it does not have, is one clear message")
    void badKubeconfig(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ClusterLab.start(null, dir.resolve("nope"), LabProgress.NONE)).isInstanceOf(LabException.class)
                .hasMessageStartingWith("cannot read the kubeconfig " + dir.resolve("nope"));
        Path kc = dir.resolve("config");
        Files.writeString(kc, """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: kind-a, context: {cluster: c, user: u}}]
                current-context: kind-a
                """);
        assertThatThrownBy(() -> ClusterLab.start("kind-b", kc, LabProgress.NONE)).isInstanceOf(LabException.class)
                .hasMessageContaining("kind-b");
        assertThatThrownBy(() -> ClusterLab.start(null, kc, LabProgress.NONE)).isInstanceOf(LabException.class)
                .hasMessageStartingWith("the cluster of context kind-a does not answer");
    }
}
