package dev.netpollab.lab;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The exec the real probes go through, against fabric8's mock API server speaking the exec websocket protocol. */
class Fabric8PodExecTest {
    private KubernetesMockServer server;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(false);
        server.init();
        client = server.createClient();
        // fabric8 reads the pod before it execs into it.
        server.expect().withPath("/api/v1/namespaces/shop/pods/frontend").andReturn(200, new PodBuilder().withNewMetadata().withName("frontend")
                .withNamespace("shop").endMetadata().withNewSpec().addNewContainer().withName("serve").endContainer().endSpec()
                .withNewStatus().withPhase("Running").endStatus().build()).always();
    }

    @AfterEach
    void stop() {
        client.close();
        server.destroy();
    }

    private static String path(String pod, String script) {
        return "/api/v1/namespaces/shop/pods/" + pod + "/exec?command=sh&command=-c&command=" + script + "&container=serve&stdout=true&stderr=true";
    }

    @Test
    @DisplayName("a finished exec: its exit code and everything it printed")
    void finished() {
        server.expect().withPath(path("frontend", "probe")).andUpgradeToWebSocket()
                .open(new OutputStreamMessage("@@0 0 200 0.000300\n@@1 28 000 0.000000\n"), new StatusMessage(0)).done().once();
        PodExec.Result r = new Fabric8PodExec(client).exec("shop", "frontend", Duration.ofSeconds(10), "sh", "-c", "probe");
        assertThat(r.execFailed()).isFalse();
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("@@0 0 200 0.000300\n@@1 28 000 0.000000\n");
    }

    @Test
    @DisplayName("an exec that outlasts its timeout: a failed exec that still hands back the lines printed so far")
    void timeoutKeepsPartialOutput() {
        server.expect().withPath(path("frontend", "slow")).andUpgradeToWebSocket()
                .open(new OutputStreamMessage("@@0 0 200 0.000300\n"))
                // A message still pending keeps the stream open: the command is still running when the exec gives up.
                .waitFor(3_000).andEmit("@@1 28 000 0.000000\n").done().always();
        long t0 = System.nanoTime();
        PodExec.Result r = new Fabric8PodExec(client).exec("shop", "frontend", Duration.ofSeconds(1), "sh", "-c", "slow");
        assertThat(r.execFailed()).isTrue();
        assertThat(r.error()).isEqualTo("no exit status within 1 s");
        assertThat(r.stdout()).isEqualTo("@@0 0 200 0.000300\n");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    @DisplayName("no such pod: a failed exec with the API's reason, never an exception")
    void missingPod() {
        PodExec.Result r = new Fabric8PodExec(client).exec("shop", "ghost", Duration.ofSeconds(5), "sh", "-c", "probe");
        assertThat(r.execFailed()).isTrue();
        assertThat(r.error()).isNotBlank();
    }
}
