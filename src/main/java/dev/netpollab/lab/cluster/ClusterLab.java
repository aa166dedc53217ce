package dev.netpollab.lab.cluster;

import dev.netpollab.lab.ClusterProvisioner;
import dev.netpollab.lab.ClusterState;
import dev.netpollab.lab.Diagnostics;
import dev.netpollab.lab.DiagnosticsBundle;
import dev.netpollab.lab.Fabric8PodExec;
import dev.netpollab.lab.Lab;
import dev.netpollab.lab.LabException;
import dev.netpollab.lab.LabProgress;
import dev.netpollab.lab.PodExec;
import dev.netpollab.lab.WorldManifests;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.VariantRenderer;
import dev.netpollab.scenario.World;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * An existing cluster (kind, k3d, EKS...) from a kubeconfig context. It first proves that the CNI enforces
 * NetworkPolicy (the canary), then only ever creates namespaces named {@code netpol-lab-*} labelled as
 * managed by netpol-lab, and removes them on exit.
 */
public final class ClusterLab implements Lab {
    public static final String PREFIX = "netpol-lab-";
    private final KubernetesClient client;
    private final String context;
    private final Path kubeconfig;
    private final boolean rejectsDenied;
    private final Set<String> created = new LinkedHashSet<>();

    /** A lab on a cluster the caller already reaches; {@link #start} also proves that it enforces policies. */
    public ClusterLab(KubernetesClient client, String context, Path kubeconfig) {
        this(client, context, kubeconfig, false);
    }

    /** @param rejectsDenied the canary saw denied traffic refused, not dropped (kube-router, as on k3s and k3d) */
    ClusterLab(KubernetesClient client, String context, Path kubeconfig, boolean rejectsDenied) {
        this.client = client;
        this.context = context;
        this.kubeconfig = kubeconfig;
        this.rejectsDenied = rejectsDenied;
    }

    /**
     * @param context    a context of the kubeconfig; null for its current context
     * @param kubeconfig a kubeconfig file; null for $KUBECONFIG or ~/.kube/config
     */
    public static ClusterLab start(String context, Path kubeconfig, LabProgress progress) {
        Path file = kubeconfig != null ? kubeconfig : Optional.ofNullable(System.getenv("KUBECONFIG")).map(k -> Path.of(k.split(java.io.File.pathSeparator)[0]))
                .orElse(Path.of(System.getProperty("user.home"), ".kube", "config"));
        Config config;
        try {
            config = Config.fromKubeconfig(context, Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new LabException("cannot read the kubeconfig " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new LabException("the kubeconfig " + file + " has no usable context" + (context == null ? "" : " \"" + context + "\"") + ": "
                    + e.getMessage(), e);
        }
        // fabric8 retries a refused connection ten times with a doubling backoff: half a minute of silence
        // before "does not answer". Two quick retries are enough for an interactive tool.
        config.setRequestRetryBackoffLimit(2);
        config.setConnectionTimeout(5_000);
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        String name = context != null ? context : config.getCurrentContext() == null ? "(current)" : config.getCurrentContext().getName();
        return connect(client, name, file, c -> Canary.run(c, Canary.curl(new Fabric8PodExec(c)), Duration.ofSeconds(20), progress),
                DiagnosticsBundle.defaultRoot(), progress);
    }

    /**
     * Proves the cluster answers and enforces NetworkPolicy, then hands over the lab; on any failure the client
     * is closed and a diagnostics bundle is written, and the message says where.
     *
     * @param canary runs the canary on the cluster
     */
    static ClusterLab connect(KubernetesClient client, String name, Path file, Function<KubernetesClient, Canary.Result> canary, Path bundles,
                              LabProgress progress) {
        try {
            client.namespaces().withName("kube-system").get();
        } catch (RuntimeException e) {
            client.close();
            throw new LabException("the cluster of context " + name + " does not answer: " + LabException.rootMessage(e), e);
        }
        Canary.Result result;
        try {
            result = canary.apply(client);
        } catch (RuntimeException e) {
            throw failed(client, name, bundles, "the canary failed on context " + name + ": " + LabException.rootMessage(e), e);
        }
        if (!result.enforces()) {
            throw failed(client, name, bundles, "refusing context " + name + ": " + result.detail(), null);
        }
        progress.step("context " + name + ": NetworkPolicy is enforced (" + result.detail() + ")", 1, 1);
        return new ClusterLab(client, name, file, result.rejects());
    }

    private static LabException failed(KubernetesClient client, String name, Path bundles, String message, Throwable cause) {
        DiagnosticsBundle b = null;
        try {
            b = new Diagnostics(bundles, Clock.systemUTC(), x -> evidence(client, name, false, x))
                    .write(message, x -> {
                        if (cause != null) {
                            x.error("error.txt", cause);
                        }
                    });
        } catch (RuntimeException e) {
            // No bundle; the message alone still says what failed.
        } finally {
            client.close();
        }
        return b == null ? new LabException(message, cause) : new LabException(message + "\n  " + b.sendLine(), cause, b.dir());
    }

    /** Namespaces get the netpol-lab- prefix everywhere in the scenario (task, policies, expectations) at once. */
    @Override
    public Scenario adapt(Scenario scenario) {
        Map<String, String> renames = new LinkedHashMap<>();
        for (String ns : scenario.world().scenarioNamespaces()) {
            if (!ns.startsWith(PREFIX) && !ns.equals(World.DNS_NAMESPACE)) {
                renames.put(ns, PREFIX + ns);
            }
        }
        return VariantRenderer.renameNamespaces(scenario, renames);
    }

    @Override
    public String kind() {
        return "cluster";
    }

    @Override
    public Optional<String> cannotRun(Scenario scenario) {
        return unsupported(scenario);
    }

    /**
     * Endpoints outside the cluster ({@code ext:} targets) need addresses that this lab cannot create on
     * someone else's network; a probe to them would time out and grade an allowed cell as blocked.
     */
    public static Optional<String> unsupported(Scenario scenario) {
        if (scenario.world().externals().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(scenario.id() + " probes endpoints outside the cluster (" + scenario.world().externals().stream()
                .map(e -> "ext:" + e.name()).collect(java.util.stream.Collectors.joining(", "))
                + "), which an existing cluster cannot host; run it on the k3s or embedded lab");
    }

    @Override
    public String describe() {
        return "existing cluster, context " + context + "; probes are real curls between pods; namespaces netpol-lab-* only";
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public void provision(Scenario scenario, LabProgress progress) {
        WorldManifests.Objects objs = WorldManifests.of(scenario.id(), scenario.world(), false);
        objs.namespaces().forEach(n -> {
            if (!n.getMetadata().getName().startsWith(PREFIX)) {
                throw new LabException("the cluster lab only creates namespaces named " + PREFIX + "*, not " + n.getMetadata().getName());
            }
            created.add(n.getMetadata().getName());
        });
        ClusterProvisioner.create(client, objs, progress);
    }

    @Override
    public void teardown(Scenario scenario, LabProgress progress) {
        ClusterProvisioner.delete(client, WorldManifests.of(scenario.id(), scenario.world(), false), progress);
        scenario.world().scenarioNamespaces().forEach(created::remove);
    }

    @Override
    public Optional<PodExec> podExec() {
        return Optional.of(new Fabric8PodExec(client));
    }

    @Override
    public boolean rejectsDenied() {
        return rejectsDenied;
    }

    @Override
    public Optional<Path> kubeconfig() {
        return Optional.of(kubeconfig);
    }

    /** The cluster's state and logs (no kubeconfig: it holds credentials). */
    @Override
    public void collectDiagnostics(DiagnosticsBundle bundle) {
        evidence(client, context, rejectsDenied, bundle);
    }

    private static void evidence(KubernetesClient client, String context, boolean rejects, DiagnosticsBundle bundle) {
        bundle.write("versions.txt", ClusterState.versions() + "lab cluster, context " + context + (rejects ? ", rejects denied traffic" : "") + "\n");
        ClusterState.collect(client, bundle);
    }

    /** Removes every namespace this session created. */
    @Override
    public void close() {
        for (String ns : created) {
            try {
                client.namespaces().withName(ns).delete();
            } catch (RuntimeException e) {
                // Best effort on the way out; the namespaces carry the managed-by label for a manual sweep.
            }
        }
        client.close();
    }
}
