package dev.netpollab.lab;

/** Reports long work (booting, provisioning, waiting for pods) as phases with counts. */
@FunctionalInterface
public interface LabProgress {
    LabProgress NONE = (phase, done, total) -> {
    };

    /**
     * @param done  steps finished in this phase
     * @param total steps in this phase, or 0 when unknown
     */
    void step(String phase, int done, int total);
}
