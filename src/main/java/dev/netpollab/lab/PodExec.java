package dev.netpollab.lab;

import java.time.Duration;

/** Runs a command inside a pod's container, as {@code kubectl exec} does. */
@FunctionalInterface
public interface PodExec {
    /**
     * @param exitCode the command's exit status; -1 when the exec itself failed (see {@code error})
     * @param error    why the exec failed (no status, timeout, transport), or empty
     */
    record Result(int exitCode, String stdout, String stderr, String error) {
        public boolean execFailed() {
            return exitCode < 0;
        }
    }

    Result exec(String namespace, String pod, Duration timeout, String... command);
}
