package dev.netpollab.lab;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Creates a world on a real API server and waits until its pods are ready; removes it again. Shared by the k3s and cluster labs. */
public final class ClusterProvisioner {
    private ClusterProvisioner() {
    }

    public static void create(KubernetesClient client, WorldManifests.Objects objs, LabProgress progress) {
        for (Namespace ns : objs.namespaces()) {
            String name = ns.getMetadata().getName();
            if (client.namespaces().withName(name).get() == null) {
                client.resource(ns).create();
            }
            // Pods cannot be created before the namespace's default ServiceAccount exists (tc-go #1547).
            await("the default ServiceAccount of " + name, 30, progress, () -> client.serviceAccounts().inNamespace(name).withName("default").get() != null);
        }
        List<HasMetadata> rest = new ArrayList<>(objs.pods());
        rest.addAll(objs.services());
        for (HasMetadata o : rest) {
            if (client.resource(o).get() == null) {
                client.resource(o).create();
            }
        }
        int total = objs.pods().size();
        await("the world's pods to be ready", 180, (p, d, t) -> progress.step("pods ready " + readyPods(client, objs.pods()) + "/" + total, 0, 0),
                () -> readyPods(client, objs.pods()) == total);
        progress.step("pods ready", total, total);
    }

    /** Deletes the world: its own namespaces (waiting until gone), and its objects in the standard ones (default, kube-system, ...). */
    public static void delete(KubernetesClient client, WorldManifests.Objects objs, LabProgress progress) {
        List<String> own = objs.namespaces().stream().map(n -> n.getMetadata().getName())
                .filter(n -> !StandardCluster.isStandardNamespace(n)).toList();
        int done = 0;
        for (String ns : own) {
            // Blocks until the namespace and its finalizers are gone (Deletable with a timeout).
            client.namespaces().withName(ns).withTimeout(90, TimeUnit.SECONDS).delete();
            progress.step("deleting namespaces", ++done, own.size());
        }
        List<HasMetadata> shared = new ArrayList<>();
        objs.pods().stream().filter(p -> !own.contains(p.getMetadata().getNamespace())).forEach(shared::add);
        objs.services().stream().filter(s -> !own.contains(s.getMetadata().getNamespace())).forEach(shared::add);
        for (HasMetadata o : shared) {
            client.resource(o).delete();
        }
        if (objs.namespaces().stream().anyMatch(n -> n.getMetadata().getName().equals("default"))) {
            client.network().networkPolicies().inNamespace("default").delete();
        }
    }

    static int readyPods(KubernetesClient client, List<Pod> pods) {
        int ready = 0;
        for (Pod p : pods) {
            Pod live = client.pods().inNamespace(p.getMetadata().getNamespace()).withName(p.getMetadata().getName()).get();
            if (live != null && ClusterSnapshot.ready(live)) {
                ready++;
            }
        }
        return ready;
    }

    /** Polls every second; progress shows the phase and seconds waited; a timeout names the phase. */
    public static void await(String what, int seconds, LabProgress progress, BooleanSupplier done) {
        long start = System.nanoTime();
        for (int i = 0; ; i++) {
            try {
                if (done.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                // The API may not answer yet while components start; keep polling until the deadline.
            }
            long waited = (System.nanoTime() - start) / 1_000_000_000L;
            if (waited >= seconds) {
                throw new LabException("timed out after " + seconds + " s waiting for " + what);
            }
            if (i % 5 == 0) {
                progress.step("waiting for " + what + " (" + waited + " s)", 0, 0);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(i < 10 ? 200 : 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LabException("interrupted while waiting for " + what);
            }
        }
    }
}
