package dev.netpollab.lab;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.ExecWatch;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code kubectl exec} through fabric8. Output is collected into buffers and read after the exit status:
 * fabric8 7.7+ delivers queued output before completing {@code exitCode()} (the race of earlier versions).
 */
public final class Fabric8PodExec implements PodExec {
    /** The container every world pod runs (see {@link WorldManifests}). */
    public static final String CONTAINER = "serve";
    private final KubernetesClient client;

    public Fabric8PodExec(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Result exec(String namespace, String pod, Duration timeout, String... command) {
        return exec(namespace, pod, CONTAINER, timeout, command);
    }

    /** As {@code kubectl exec -c CONTAINER}; a null container means the pod's only one. */
    public Result exec(String namespace, String pod, String container, Duration timeout, String... command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        var target = client.pods().inNamespace(namespace).withName(pod);
        try (ExecWatch w = (container == null ? target : target.inContainer(container))
                .writingOutput(out).writingError(err).exec(command)) {
            Integer code = w.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (code == null) {
                return new Result(-1, text(out), text(err), "the exec channel closed before the exit status arrived");
            }
            return new Result(code, text(out), text(err), "");
        } catch (TimeoutException e) {
            return new Result(-1, text(out), text(err), "no exit status within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, text(out), text(err), "interrupted");
        } catch (ExecutionException | RuntimeException e) {
            return new Result(-1, text(out), text(err), String.valueOf(e.getCause() != null ? e.getCause() : e));
        }
    }

    private static String text(ByteArrayOutputStream b) {
        return b.toString(StandardCharsets.UTF_8);
    }
}
