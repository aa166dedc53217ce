package dev.netpollab.lab.k3s;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Docker's failures as a learner reads them: its reason, not its API envelope or usage footer. Texts recorded on this machine. */
class DockerMessagesTest {
    @Test
    @DisplayName("docker run's reason is the error line, not the 'Run docker run --help' footer")
    void cliReason() {
        var r = new DockerCli.Result(125, """
                docker: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: unable to apply caps: operation not permitted: unknown.

                Run 'docker run --help' for more information
                """);
        assertThat(r.reason()).isEqualTo("Error response from daemon: failed to create shim task: OCI runtime create failed: runc create failed: "
                + "unable to start container process: unable to apply caps: operation not permitted: unknown.");
        assertThat(new DockerCli.Result(1, "Error response from daemon: Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io: no such host\n").reason())
                .endsWith("no such host");
        assertThat(new DockerCli.Result(3, "").reason()).isEqualTo("exit 3");
    }

    @Test
    @DisplayName("the API's Status 500 JSON becomes its message, and a refused privileged container gets the privileged hint")
    void startFailure() {
        String raw = "Status 500: {\"message\":\"failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: "
                + "unable to apply caps: operation not permitted: unknown\"}\n";
        String m = K3sLab.dockerMessage(raw);
        assertThat(m).startsWith("failed to create shim task").endsWith("operation not permitted: unknown").doesNotContain("Status 500");
        assertThat(K3sLab.hintFor(m)).contains("refuses the privileged container k3s needs").contains("--lab cluster");
        assertThat(K3sLab.hintFor("manifest unknown")).contains("could not be pulled");
        assertThat(K3sLab.hintFor("something else")).isEmpty();
        assertThat(K3sLab.dockerMessage("plain text")).isEqualTo("plain text");
    }

    @Test
    @DisplayName("the images Docker runs itself: k3s always, the reaper unless disabled, all pinned")
    void hostImages() {
        assertThat(K3sLab.hostImages()).startsWith(ClusterData.k3sImage()).allSatisfy(i -> assertThat(i).contains(":").doesNotEndWith(":latest"));
        if (System.getenv("TESTCONTAINERS_RYUK_DISABLED") == null) {
            assertThat(K3sLab.hostImages()).anyMatch(i -> i.startsWith("testcontainers/ryuk:"));
        }
    }
}
