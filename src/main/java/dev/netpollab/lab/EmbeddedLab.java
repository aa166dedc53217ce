package dev.netpollab.lab;

import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.WorldNamespace;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * An in-process Kubernetes API (fabric8's CRUD mock plus {@link ApiServerDispatcher}), driven only
 * through a {@link KubernetesClient} exactly as a real cluster would be. Probes are computed by the
 * policy engine: no packets, no containers, so it always starts.
 */
public final class EmbeddedLab implements Lab {
    private final KubernetesMockServer server;
    private final KubernetesClient client;

    private EmbeddedLab(KubernetesMockServer server, KubernetesClient client) {
        this.server = server;
        this.client = client;
    }

    /** Starts the API server on a loopback port. */
    public static EmbeddedLab start() {
        // The mock web server logs every request through java.util.logging; that is noise, not news.
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new ApiServerDispatcher(), false);
        try {
            server.init(InetAddress.getLoopbackAddress(), 0);
        } catch (RuntimeException e) {
            throw new LabException("the embedded API server could not start: " + e.getMessage(), e);
        }
        EmbeddedLab lab = new EmbeddedLab(server, server.createClient());
        for (HasMetadata o : StandardCluster.objects(StandardCluster.DEFAULT_API_SERVER_IP)) {
            lab.client.resource(o).create();
        }
        return lab;
    }

    @Override
    public String kind() {
        return "embedded";
    }

    @Override
    public String describe() {
        return "embedded lab: an in-process Kubernetes API; probes are computed by the policy engine, not sent";
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public void provision(Scenario scenario, LabProgress progress) {
        pointApiServiceAt(StandardCluster.apiServerIp(scenario.world()));
        WorldManifests.Objects objs = WorldManifests.of(scenario.id(), scenario.world(), true);
        List<HasMetadata> all = new ArrayList<>();
        all.addAll(objs.namespaces());
        all.addAll(objs.pods());
        all.addAll(objs.services());
        int done = 0;
        for (HasMetadata o : all) {
            if (client.resource(o).get() == null) {
                client.resource(o).create();
            }
            progress.step("creating the world", ++done, all.size());
        }
    }

    /** The kubernetes Service leads to the API server the world declares (its {@code apiserver} external), as its endpoints say. */
    private void pointApiServiceAt(String ip) {
        client.resource(StandardCluster.kubernetesEndpoints(ip)).update();
        client.resource(StandardCluster.kubernetesEndpointSlice(ip)).update();
    }

    /**
     * Deletes the scenario's own namespaces, and in the standard ones (which a cluster cannot lose) the world's pods and
     * Services and every NetworkPolicy: nothing of one scenario may linger into the grading of the next.
     */
    @Override
    public void teardown(Scenario scenario, LabProgress progress) {
        List<String> names = scenario.world().namespaces().stream().map(WorldNamespace::name)
                .filter(n -> !StandardCluster.isStandardNamespace(n)).toList();
        int done = 0;
        for (String ns : names) {
            client.namespaces().withName(ns).delete();
            progress.step("deleting namespaces", ++done, names.size());
        }
        WorldManifests.Objects objs = WorldManifests.of(scenario.id(), scenario.world(), false);
        objs.pods().stream().filter(p -> StandardCluster.isStandardNamespace(p.getMetadata().getNamespace()))
                .forEach(p -> client.resource(p).delete());
        objs.services().stream().filter(s -> StandardCluster.isStandardNamespace(s.getMetadata().getNamespace()))
                .forEach(s -> client.resource(s).delete());
        StandardCluster.NAMESPACES.forEach(ns -> client.network().networkPolicies().inNamespace(ns).delete());
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
