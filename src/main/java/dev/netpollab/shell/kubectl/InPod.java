package dev.netpollab.shell.kubectl;

import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.WorldExternal;
import dev.netpollab.shell.Session;
import dev.netpollab.shell.kubectl.tools.NetTools;
import dev.netpollab.shell.kubectl.tools.PodNetwork;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Running a command "inside" a pod of the embedded lab: the whole cluster as the engine sees it (every namespace,
 * pod, Service and policy; the scenario's outside endpoints), the pod's tools, and kubectl's way of reporting the
 * result ({@code command terminated with exit code N}).
 */
final class InPod {
    private InPod() {
    }

    /** The cluster read back from the API, with an extra pod that is not stored (the temporary pod of `run --rm`). */
    static ClusterSnapshot cluster(Session s, Pod extra) {
        KubernetesClient c = s.lab().client();
        List<Pod> pods = new ArrayList<>(c.pods().inAnyNamespace().list().getItems());
        if (extra != null) {
            pods.add(extra);
        }
        List<WorldExternal> externals = s.scenario().map(Scenario::world).map(w -> w.externals()).orElse(List.of());
        return new ClusterSnapshot(c.namespaces().list().getItems(), pods, c.services().inAnyNamespace().list().getItems(),
                c.network().networkPolicies().inAnyNamespace().list().getItems(), externals);
    }

    /**
     * Runs the command from the pod and prints what the terminal would show.
     *
     * @return the command's exit status, or -1 when the container could not run it
     */
    static int run(Session s, Pod pod, Pod extra, List<String> command, boolean tty, PrintWriter out) {
        PodNetwork net = new PodNetwork(cluster(s, extra), s.lab().client().discovery().v1().endpointSlices().inAnyNamespace().list().getItems(), pod);
        String image = pod.getSpec().getContainers().get(0).getImage();
        NetTools tools = new NetTools(net, image, tty, pod.getMetadata().getName());
        NetTools.Result r;
        try {
            r = tools.run(command);
        } catch (NetTools.MissingExecutable e) {
            out.println(e.kubectlMessage(containerId(pod)));
            return -1;
        }
        out.print(r.output());
        if (!r.output().isEmpty() && !r.output().endsWith("\n")) {
            out.println();
        }
        return r.exit();
    }

    /** A stable stand-in for the runtime's exec id, which kubectl's error quotes. */
    private static String containerId(Pod pod) {
        String seed = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        StringBuilder b = new StringBuilder();
        long h = seed.hashCode() & 0xffffffffL;
        while (b.length() < 64) {
            h = h * 6364136223846793005L + 1442695040888963407L;
            b.append(String.format("%016x", h));
        }
        return b.substring(0, 64);
    }
}
