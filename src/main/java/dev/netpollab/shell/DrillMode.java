package dev.netpollab.shell;

import dev.netpollab.grade.Colors;

import java.io.PrintWriter;
import java.util.List;

/** Self-paced drills: pick a scenario, fix it, check, with hints, explanations and the coach. */
public final class DrillMode implements ShellMode {
    private final String labNote;

    public DrillMode(String labNote) {
        this.labNote = labNote;
    }

    @Override
    public List<Class<? extends ShellCommand>> commands() {
        return ShellCommands.TRAINER;
    }

    @Override
    public String title() {
        return "Trainer commands";
    }

    @Override
    public void banner(Session s) {
        PrintWriter out = s.out();
        Colors c = s.colors();
        out.println(c.bold("netpol-lab") + " — the NetworkPolicy trainer for the CKS");
        out.println("Lab: " + s.labHandle().kind() + (labNote == null || labNote.isBlank() ? "" : " — " + labNote));
        s.progress().warning().ifPresent(w -> out.println(c.yellow("warning: ") + w));
        s.library().problems().forEach(p -> out.println(c.yellow("warning: skipped ") + p));
        long passed = s.library().scenarios().stream().filter(sc -> s.progress().get(sc.id()).passes() > 0).count();
        out.println(s.library().scenarios().size() + " scenarios (" + passed + " passed). Type `list` to see them, `start ID` to begin, "
                + "`help` for every command.");
    }

    @Override
    public String prompt(Session s) {
        String id = s.scenario().map(sc -> ":" + sc.id()).orElse("");
        return s.colors().bold("netpol-lab") + s.colors().dim(id) + "> ";
    }

    @Override
    public String status(Session s) {
        String lab = s.labHandle().ready() ? s.labHandle().kind() + " lab" : s.labHandle().kind() + " lab (" + s.labHandle().state() + ")";
        return s.attempt().map(a -> a.scenario().id() + " | " + Attempt.clock(a.elapsed(s.clock().instant())) + " | hints "
                + a.hintsShown() + "/" + a.scenario().hints().size() + (a.passed() ? " | PASSED" : "") + " | " + lab)
                .orElse("no scenario | " + lab);
    }

    /**
     * The lab goes away with the shell (the embedded one always, a k3s one with its container): policies the learner
     * changed and never left in a file would go with it. They are written to {@code work/ID/at-quit/} and the learner is
     * told how to bring them back.
     */
    @Override
    public void onExit(Session s) {
        s.attempt().ifPresent(a -> {
            if (!s.labHandle().ready()) {
                return;
            }
            try {
                Drill.saveAtQuit(s, a.scenario());
            } catch (RuntimeException e) {
                s.out().println(s.colors().yellow("note: ") + "your policies in the lab could not be saved: " + e.getMessage());
            }
        });
    }
}
