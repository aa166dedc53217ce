package dev.netpollab.lab;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An API server for a test class, standing in for a real cluster's: the embedded lab's, which answers
 * like one for what the labs touch. Register with {@code @RegisterExtension static final ApiServer API = new ApiServer();}.
 */
public final class ApiServer implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedLab lab;

    @Override
    public void beforeAll(ExtensionContext context) {
        lab = EmbeddedLab.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        lab.close();
    }

    /** The shared client; do not close it. */
    public KubernetesClient client() {
        return lab.client();
    }

    /** A client of its own, for code under test that closes its client. */
    public KubernetesClient newClient() {
        return new KubernetesClientBuilder().withConfig(lab.client().getConfiguration()).build();
    }
}
