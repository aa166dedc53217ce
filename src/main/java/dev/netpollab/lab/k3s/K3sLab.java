package dev.netpollab.lab.k3s;

import dev.netpollab.lab.AppHome;
import dev.netpollab.lab.ClusterProvisioner;
import dev.netpollab.lab.ClusterState;
import dev.netpollab.lab.Diagnostics;
import dev.netpollab.lab.DiagnosticsBundle;
import dev.netpollab.lab.Fabric8PodExec;
import dev.netpollab.lab.Lab;
import dev.netpollab.lab.LabException;
import dev.netpollab.lab.LabImages;
import dev.netpollab.lab.LabProgress;
import dev.netpollab.lab.PodExec;
import dev.netpollab.lab.WorldManifests;
import dev.netpollab.scenario.Scenario;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientConfigUtils;
import org.testcontainers.k3s.K3sContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A disposable k3s cluster in Docker with Calico as the CNI (or k3s's built-in policy controller with
 * {@code --cni k3s}): policies enforced by a real dataplane, probes sent by curl from inside the pods.
 * The recipe follows shared/real-cluster-brief.md; its flags and patches are data in {@code cluster/}.
 */
public final class K3sLab implements Lab {
    /**
     * @param cni            {@code calico} (default) or {@code k3s}
     * @param reuse          keep one cluster alive between runs (Testcontainers reuse)
     * @param calicoManifest a local calico.yaml for offline machines
     */
    public record Options(String cni, boolean reuse, Optional<Path> calicoManifest) {
    }

    private final K3sContainer container;
    private final KubernetesClient client;
    private final Options options;
    private final Path kubeconfig;
    private final Map<String, ExternalEndpoints> externals = new HashMap<>();
    /** The Calico manifest as applied (after the patches), for diagnostics bundles. */
    private volatile String appliedManifest;

    private K3sLab(K3sContainer container, KubernetesClient client, Options options, Path kubeconfig) {
        this.container = container;
        this.client = client;
        this.options = options;
        this.kubeconfig = kubeconfig;
    }

    /**
     * Boots the cluster, phase by phase; a failure names its phase and why, and leaves a diagnostics bundle
     * (the k3s log, the cluster's state, the manifest applied) whose path ends the message.
     */
    public static K3sLab start(Options o, LabProgress progress) {
        return start(o, progress, DiagnosticsBundle.defaultRoot());
    }

    /** @param bundles where a diagnostics bundle goes when the boot fails */
    public static K3sLab start(Options o, LabProgress progress, Path bundles) {
        long t0 = System.nanoTime();
        K3sContainer c = null;
        K3sLab lab = null;
        try {
            List<String> hostImages = hostImages();
            for (int i = 0; i < hostImages.size(); i++) {
                progress.step("pulling " + hostImages.get(i), i, hostImages.size());
                DockerCli.ensureImage(hostImages.get(i));
            }
            List<Path> tars = ImageCache.ensure(ClusterData.preloadImages(), progress);
            try {
                // client() first: asking for the host address on an uninitialised factory fails inside Testcontainers
                // 2.0.5 (NullPointerException in runInsideDocker) when netpol-lab itself runs in a container.
                DockerClientFactory.instance().client();
                c = K3sSpec.of(o, tars, DockerClientFactory.instance().dockerHostIpAddress()).container();
                progress.step("starting k3s (" + ClusterData.k3sImage() + ")", 0, 0);
                c.start();
            } catch (RuntimeException e) {
                throw new LabException("starting k3s failed: " + rootMessage(e) + hint(e), e);
            }
            if (!o.reuse()) {
                Runtime.getRuntime().addShutdownHook(new Thread(c::stop, "k3s-teardown"));
            }
            Path kubeconfig = writeKubeconfig(c.getKubeConfigYaml());
            KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(c.getKubeConfigYaml())).build();
            lab = new K3sLab(c, client, o, kubeconfig);
            if (o.cni().equals("calico")) {
                lab.installCalico(progress);
            } else {
                K3sContainer started = c;
                PolicyControllerLog.await(started::getLogs, PolicyControllerLog.TIMEOUT, Duration.ofSeconds(1), progress);
            }
            lab.waitReady(progress);
            progress.step("ready in " + (System.nanoTime() - t0) / 1_000_000_000L + " s", 1, 1);
            return lab;
        } catch (RuntimeException e) {
            LabException failure = e instanceof LabException le ? le : new LabException("the k3s lab failed: " + rootMessage(e), e);
            DiagnosticsBundle b = bundle(bundles, failure, c, lab);
            if (lab != null) {
                lab.client.close();
            }
            if (c != null && !o.reuse()) {
                c.stop();
            }
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            throw b == null ? failure : new LabException(failure.getMessage() + "\n  " + b.sendLine(), cause, b.dir());
        }
    }

    /** A diagnostics bundle of a failed boot with whatever exists so far, or null when none could be written. */
    private static DiagnosticsBundle bundle(Path root, LabException failure, K3sContainer c, K3sLab lab) {
        try {
            return new Diagnostics(root, Clock.systemUTC(), x -> {
                if (lab != null) {
                    lab.collectDiagnostics(x);
                } else {
                    x.collect("versions.txt", K3sLab::versions);
                    if (c != null) {
                        x.collect("k3s-container.log", c::getLogs);
                    }
                }
            }).write("the k3s lab could not start: " + failure.getMessage(), x -> x.error("error.txt", failure));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Versions of everything the k3s lab runs, with the Docker daemon's own words. */
    public static String versions() {
        return ClusterState.versions() + "testcontainers " + DockerClientFactory.TESTCONTAINERS_VERSION
                + "\nk3s image " + ClusterData.k3sImage() + "\ncalico " + ClusterData.calico().version() + "\npreloaded images "
                + ClusterData.preloadImages() + "\n\n--- docker version\n" + DockerCli.run(Duration.ofSeconds(20), "version").output();
    }

    /**
     * Images the host's Docker itself runs: k3s; Testcontainers' reaper (which removes the cluster if the
     * JVM dies) unless disabled; and, when netpol-lab itself runs in a container, the tiny image with which
     * Testcontainers finds the Docker host's address. Pulled up front so a registry that cannot be reached
     * is reported at once with docker's reason, not after Testcontainers' silent two-minute pull retries.
     */
    public static List<String> hostImages() {
        List<String> images = new ArrayList<>(List.of(ClusterData.k3sImage()));
        if (!"true".equalsIgnoreCase(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
            images.add(LabImages.get("testcontainers.ryuk"));
        }
        if (DockerClientConfigUtils.IN_A_CONTAINER && System.getenv("TESTCONTAINERS_HOST_OVERRIDE") == null) {
            images.add(LabImages.get("testcontainers.tiny"));
        }
        return images;
    }

    private void installCalico(LabProgress progress) {
        progress.step("preparing the node for Calico", 0, 0);
        exec("mount --make-rshared / (trap 2)", "mount", "--make-rshared", "/");
        String toml = exec("reading containerd's config (trap 6)", "sh", "-c",
                "cat /var/lib/rancher/k3s/agent/etc/containerd/config.toml 2>/dev/null || true");
        ContainerdConfig.CniDirs dirs = ContainerdConfig.parse(toml);
        progress.step("containerd looks for CNI plugins in " + dirs.binDir() + " and configs in " + dirs.confDir()
                + (dirs.found() ? "" : " (its defaults)"), 0, 0);
        CalicoManifest.Source src = CalicoManifest.load(options.calicoManifest(), ClusterData.calico(), m -> progress.step(m, 0, 0));
        CalicoManifest.Patched patched = CalicoManifest.patched(src, Map.of("clusterCidr", ClusterData.clusterCidr(),
                "cniBinDir", dirs.binDir(), "cniConfDir", dirs.confDir()));
        appliedManifest = patched.yaml();
        progress.step("installing Calico " + ClusterData.calico().version(), 0, 0);
        try {
            client.resourceList(patched.objects()).fieldManager("netpol-lab").forceConflicts().serverSideApply();
        } catch (RuntimeException e) {
            throw new LabException("installing Calico failed: " + rootMessage(e), e);
        }
    }

    private void waitReady(LabProgress progress) {
        int calicoTimeout = ClusterData.timeoutSeconds("calico-timeout");
        ClusterProvisioner.await("the node to become Ready", 120, progress, () -> client.nodes().list().getItems().stream().anyMatch(K3sLab::nodeReady));
        if (options.cni().equals("calico")) {
            // waitUntilReady only checks that a DaemonSet exists; compare its counts instead.
            ClusterProvisioner.await("calico-node to be ready", calicoTimeout, progress, () -> {
                DaemonSet ds = client.apps().daemonSets().inNamespace("kube-system").withName("calico-node").get();
                return ds != null && ds.getStatus() != null && ds.getStatus().getDesiredNumberScheduled() != null
                        && ds.getStatus().getDesiredNumberScheduled() >= 1
                        && ds.getStatus().getDesiredNumberScheduled().equals(ds.getStatus().getNumberReady());
            });
            ClusterProvisioner.await("calico-kube-controllers to be available", calicoTimeout, progress, () -> available("calico-kube-controllers"));
        }
        ClusterProvisioner.await("CoreDNS to be available", 120, progress, () -> available("coredns"));
    }

    private boolean available(String deployment) {
        Deployment d = client.apps().deployments().inNamespace("kube-system").withName(deployment).get();
        return d != null && d.getStatus() != null && d.getStatus().getAvailableReplicas() != null && d.getStatus().getAvailableReplicas() >= 1;
    }

    static boolean nodeReady(Node n) {
        return n.getStatus() != null && n.getStatus().getConditions() != null
                && n.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private String exec(String step, String... cmd) {
        try {
            var r = container.execInContainer(cmd);
            if (r.getExitCode() != 0) {
                throw new LabException(step + " failed in the k3s container (exit " + r.getExitCode() + "): " + r.getStderr().strip());
            }
            return r.getStdout();
        } catch (IOException e) {
            throw new LabException(step + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException(step + " was interrupted");
        }
    }

    private static Path writeKubeconfig(String yaml) {
        Path f = AppHome.resolve("kubeconfig");
        try {
            AppHome.writeAtomically(f, yaml);
            try {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system; the file stays with the user's default permissions.
            }
        } catch (IOException e) {
            throw new LabException("could not write " + f + ": " + e.getMessage(), e);
        }
        return f;
    }

    private static String rootMessage(Throwable e) {
        return dockerMessage(LabException.rootMessage(e));
    }

    /** Docker's API errors read {@code Status 500: {"message":"..."}}; the message is what a person needs. */
    static String dockerMessage(String m) {
        java.util.regex.Matcher j = java.util.regex.Pattern.compile("^Status \\d+: \\{\"message\":\"(.*)\"}\\s*$", java.util.regex.Pattern.DOTALL).matcher(m);
        return j.matches() ? j.group(1).replace("\\\"", "\"") : m;
    }

    private static String hint(Throwable e) {
        return hintFor(rootMessage(e));
    }

    /** What to do about a start failure, from Docker's words. */
    static String hintFor(String message) {
        String m = message.toLowerCase(java.util.Locale.ROOT);
        if (m.contains("unable to apply caps") || m.contains("operation not permitted") || m.contains("privileged")) {
            return " (this Docker refuses the privileged container k3s needs: rootless Docker, Docker inside an unprivileged container, "
                    + "or a security policy; use --lab cluster with an existing cluster, or the embedded lab)";
        }
        if (m.contains("pull") || m.contains("manifest unknown") || m.contains("not found")) {
            return " (the image could not be pulled: run `netpol-lab doctor`, or pre-load the images with `docker load`)";
        }
        if (m.contains("timed out")) {
            return " (k3s did not report ready in time; see `docker logs` of the container)";
        }
        return "";
    }

    @Override
    public String kind() {
        return "k3s";
    }

    /** The k3s container, for {@code docker logs} when something looks wrong. */
    public String containerId() {
        return container.getContainerId();
    }

    @Override
    public String describe() {
        return options.cni().equals("calico")
                ? "k3s " + ClusterData.k3sImage().substring(ClusterData.k3sImage().indexOf(':') + 1) + " with Calico " + ClusterData.calico().version()
                + " in Docker; probes are real curls between pods"
                : "k3s with its built-in policy controller (kube-router): it rejects instead of dropping denied traffic; results are approximate";
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public void provision(Scenario scenario, LabProgress progress) {
        ClusterProvisioner.create(client, WorldManifests.of(scenario.id(), scenario.world(), false), progress);
        if (!scenario.world().externals().isEmpty()) {
            progress.step("starting endpoints outside the cluster", 0, 0);
            externals.computeIfAbsent(scenario.id(), id -> ExternalEndpoints.start(scenario.world().externals(), container.getContainerId()));
        }
    }

    @Override
    public void teardown(Scenario scenario, LabProgress progress) {
        ClusterProvisioner.delete(client, WorldManifests.of(scenario.id(), scenario.world(), false), progress);
        Optional.ofNullable(externals.remove(scenario.id())).ifPresent(ExternalEndpoints::close);
    }

    /** The k3s log, the cluster's state and logs, the Calico manifest as applied, and versions. */
    @Override
    public void collectDiagnostics(DiagnosticsBundle bundle) {
        bundle.collect("versions.txt", () -> versions() + "\nlab k3s, cni " + options.cni() + "\n");
        bundle.collect("k3s-container.log", container::getLogs);
        if (appliedManifest != null) {
            bundle.write("calico-manifest-applied.yaml", appliedManifest);
        }
        ClusterState.collect(client, bundle);
    }

    @Override
    public Optional<PodExec> podExec() {
        return Optional.of(new Fabric8PodExec(client));
    }

    @Override
    public boolean rejectsDenied() {
        return options.cni().equals("k3s");
    }

    @Override
    public Optional<Path> kubeconfig() {
        return Optional.of(kubeconfig);
    }

    @Override
    public void close() {
        List<ExternalEndpoints> stuck = new ArrayList<>();
        for (ExternalEndpoints e : externals.values()) {
            try {
                e.close();
            } catch (LabException ex) {
                stuck.add(e);
            }
        }
        externals.clear();
        client.close();
        if (!options.reuse()) {
            container.stop();
        }
        // With the node container gone its endpoints are too; a network that refused removal before goes now.
        for (ExternalEndpoints e : stuck) {
            try {
                e.close();
            } catch (LabException ex) {
                System.err.println("netpol-lab: " + ex.getMessage());
            }
        }
    }
}
