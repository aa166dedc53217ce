package dev.netpollab.lab.cluster;

import dev.netpollab.lab.ClusterProvisioner;
import dev.netpollab.lab.LabProgress;
import dev.netpollab.lab.PodExec;
import dev.netpollab.lab.ShellQuote;
import dev.netpollab.lab.WorldManifests;
import dev.netpollab.policy.Protocol;
import dev.netpollab.scenario.World;
import dev.netpollab.scenario.WorldNamespace;
import dev.netpollab.scenario.WorldPod;
import dev.netpollab.scenario.WorldPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Proves that a cluster's CNI enforces NetworkPolicy before a learner relies on it: two pods, a probe
 * that must pass (positive control), a deny-all, and the same probe, which must now be blocked.
 */
public final class Canary {
    public static final String NAMESPACE = "netpol-lab-canary";

    /**
     * @param enforces true when the deny-all stopped the probe
     * @param rejects  true when it did so by rejecting (a refusal) rather than dropping: kube-router, as in k3s and k3d
     */
    public record Result(boolean enforces, boolean rejects, String detail) {
    }

    /** Pause between probes while the deny-all is being programmed: an exec per probe, not a busy loop. */
    static final Duration INTERVAL = Duration.ofMillis(500);

    /** One probe: the client's curl to the server, classified by curl's exit code. */
    @FunctionalInterface
    public interface Probe {
        /** @return curl's exit code (0 connected, 28 timed out, 7 refused) or -1 when the exec failed */
        int curl(String serverIp);
    }

    private Canary() {
    }

    static World world() {
        return new World(List.of(new WorldNamespace(NAMESPACE, Map.of())),
                List.of(new WorldPod(NAMESPACE, "server", Map.of("app", "canary-server"), List.of(new WorldPort(80, "http", Protocol.TCP))),
                        new WorldPod(NAMESPACE, "client", Map.of("app", "canary-client"), List.of())),
                List.of(), List.of());
    }

    /** The real probe: exec curl in the canary client pod. */
    public static Probe curl(PodExec exec) {
        return ip -> {
            PodExec.Result r = exec.exec(NAMESPACE, "client", Duration.ofSeconds(15), "sh", "-c",
                    "curl -sS -o /dev/null --connect-timeout 2 -m 4 " + ShellQuote.quote("http://" + ip + ":80/") + "; echo \"rc=$?\"");
            if (r.execFailed()) {
                return -1;
            }
            int at = r.stdout().lastIndexOf("rc=");
            return at < 0 ? -1 : Integer.parseInt(r.stdout().substring(at + 3).strip());
        };
    }

    /**
     * @param settle how long a deny-all may take to be programmed before the probe counts
     */
    public static Result run(KubernetesClient client, Probe probe, Duration settle, LabProgress progress) {
        return run(client, probe, settle, INTERVAL, progress);
    }

    /** @param interval pause between probes under the deny-all */
    static Result run(KubernetesClient client, Probe probe, Duration settle, Duration interval, LabProgress progress) {
        WorldManifests.Objects objs = WorldManifests.of("canary", world(), false);
        try {
            progress.step("canary: starting two pods in " + NAMESPACE, 0, 0);
            ClusterProvisioner.create(client, objs, progress);
            String ip = client.pods().inNamespace(NAMESPACE).withName("server").get().getStatus().getPodIP();
            int before = probe.curl(ip);
            if (before != 0) {
                return new Result(false, false, "the canary cannot reach its server even without any policy (curl exit " + before
                        + "), so enforcement cannot be judged");
            }
            client.resource(new NetworkPolicyBuilder().withNewMetadata().withName("deny-all").withNamespace(NAMESPACE).endMetadata()
                    .withNewSpec().withNewPodSelector().endPodSelector().withPolicyTypes("Ingress").endSpec().build()).create();
            long deadline = System.nanoTime() + settle.toNanos();
            int after;
            while (true) {
                after = probe.curl(ip);
                if (after == 28 || after == 7) {
                    return new Result(true, after == 7, after == 28 ? "denied traffic is dropped" : "denied traffic is rejected (results are approximate)");
                }
                if (System.nanoTime() + interval.toNanos() >= deadline) {
                    break;
                }
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return new Result(false, false, "a probe passed through a deny-all policy (curl exit " + after + "): this cluster's CNI does not enforce "
                    + "NetworkPolicy (flannel alone, or a CNI without policy support), so grades would be wrong");
        } finally {
            ClusterProvisioner.delete(client, objs, LabProgress.NONE);
        }
    }
}
