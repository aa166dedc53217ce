package dev.netpollab.cli;

import dev.netpollab.lab.EmbeddedLab;
import dev.netpollab.lab.Lab;
import dev.netpollab.scenario.UserError;

import java.util.function.Supplier;

/** Picks the lab from --lab, or from what this machine can do. */
final class LabChooser {
    private LabChooser() {
    }

    /** @param note why, for the banner */
    record Choice(String kind, Supplier<Lab> starter, String note) {
    }

    static Choice choose(GlobalOptions g) {
        String lab = g.lab == null ? "embedded" : g.lab;
        return switch (lab) {
            case "embedded" -> new Choice("embedded", EmbeddedLab::start,
                    "an in-process Kubernetes API; probes are computed by the policy engine, not sent");
            default -> throw new UserError("unknown lab \"" + lab + "\": choose embedded, k3s or cluster");
        };
    }
}
