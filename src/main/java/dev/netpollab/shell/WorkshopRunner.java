package dev.netpollab.shell;

import dev.netpollab.exam.ProgressStore;
import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.workshop.WorkshopLink;
import dev.netpollab.workshop.WorkshopPlan;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs the learner's shell in a workshop they joined: the usual shell, in workshop mode. */
public final class WorkshopRunner {
    /** @param in null for the real terminal */
    public record Options(WorkshopLink link, LabHandle lab, boolean noColor, Clock clock, InputStream in, OutputStream out) {
    }

    private WorkshopRunner() {
    }

    public static int run(Options o) throws IOException {
        WorkshopMode mode = new WorkshopMode(o.link());
        // The session's library is the workshop's own scenarios (completion and `list`-style lookups see those).
        Map<String, String> texts = new LinkedHashMap<>();
        for (WorkshopPlan.Task t : o.link().plan().tasks()) {
            texts.putIfAbsent(t.source(), t.text());
        }
        Shell.Options shell = new Shell.Options(ScenarioLibrary.fromTexts(texts), o.lab(), mode, ProgressStore.open(), o.noColor(), o.clock(),
                o.in(), o.out());
        return Shell.run(shell, s -> s.workshop(mode));
    }
}
