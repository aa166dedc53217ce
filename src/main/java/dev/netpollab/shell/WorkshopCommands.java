package dev.netpollab.shell;

import dev.netpollab.grade.TextTable;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.workshop.WorkshopApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The workshop's commands in the learner's shell: move between the workshop's tasks, submit, hints, messages (`check` is the drill's, sent). */
final class WorkshopCommands {
    private WorkshopCommands() {
    }

    static WorkshopMode mode(Session s) {
        return s.workshop().orElseThrow(() -> new ShellError("no workshop is running"));
    }

    @Command(name = "tasks", description = "The workshop's tasks: weight, your score as the server has it, submitted or not.")
    static final class TasksCmd extends ShellCommand {
        @Override
        protected void run() {
            WorkshopMode m = mode(s);
            TextTable t = new TextTable("", "#", "TASK", "WEIGHT", "SCORE", "SUBMITTED");
            for (int i = 0; i < m.size(); i++) {
                String score = m.link().standing(i).map(st -> (st.passed() ? "✓ " : "")
                        + String.format(java.util.Locale.ROOT, "%.1f/%d", st.points(), st.weight())).orElse("—");
                t.row(i == m.current() ? ">" : "", i + 1, m.scenario(i).title(), m.link().plan().tasks().get(i).weight(), score,
                        m.submitted(i) ? "yes" : "");
            }
            t.lines().forEach(s.out()::println);
            s.out().println(m.clockWords() + ". `goto N` to switch, `check` to grade and send, `submit` when a task is done.");
        }
    }

    @Command(name = "goto", description = "Go to task N (its world is set up on the first visit and kept).")
    static final class GotoCmd extends ShellCommand {
        @Parameters(paramLabel = "N")
        int n;

        @Override
        protected void run() {
            mode(s).goTo(s, n - 1);
        }
    }

    @Command(name = "next", description = "Go to the next task.")
    static final class NextCmd extends ShellCommand {
        @Override
        protected void run() {
            WorkshopMode m = mode(s);
            m.goTo(s, (m.current() + 1) % m.size());
        }
    }

    @Command(name = "prev", description = "Go to the previous task.")
    static final class PrevCmd extends ShellCommand {
        @Override
        protected void run() {
            WorkshopMode m = mode(s);
            m.goTo(s, (m.current() + m.size() - 1) % m.size());
        }
    }

    @Command(name = "task", description = "Show the current task again.")
    static final class TaskCmd extends ShellCommand {
        @Override
        protected void run() {
            WorkshopMode m = mode(s);
            Drill.printTask(s, s.requireAttempt().scenario());
            s.out().println(s.colors().dim("Task " + (m.current() + 1) + "/" + m.size() + ", weight " + m.link().plan().tasks().get(m.current()).weight()));
        }
    }

    @Command(name = "submit", description = "Hand in the current task as it is (graded and sent), then go to the next open task.")
    static final class SubmitCmd extends ShellCommand {
        @Override
        protected void run() {
            WorkshopMode m = mode(s);
            m.submit(s);
            s.out().println("Task " + (m.current() + 1) + " submitted. You can still improve it and `submit` again while the workshop is open.");
            int next = m.nextOpen();
            if (next < 0) {
                s.out().println("Every task is submitted.");
                return;
            }
            s.out().println();
            m.goTo(s, next);
        }
    }

    @Command(name = "hint", description = "The hints your instructor has revealed for this task.")
    static final class HintCmd extends ShellCommand {
        @Override
        protected void run() {
            WorkshopMode m = mode(s);
            List<String> hints = m.link().hints(m.current());
            Scenario sc = m.scenario(m.current());
            if (hints.isEmpty()) {
                s.out().println("No hint for this task yet: your instructor reveals hints to the room (" + sc.hints().size() + " in all).");
                return;
            }
            for (int i = 0; i < hints.size(); i++) {
                s.out().println(s.colors().yellow("Hint " + (i + 1) + "/" + sc.hints().size() + ": ") + hints.get(i));
            }
        }
    }

    @Command(name = "messages", description = "The instructor's messages since you joined.")
    static final class MessagesCmd extends ShellCommand {
        @Override
        protected void run() {
            List<WorkshopApi.MessageView> all = mode(s).link().messages();
            if (all.isEmpty()) {
                s.out().println("No message from the instructor yet.");
            }
            DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
            all.forEach(m -> s.out().println(s.colors().dim(hhmm.format(Instant.ofEpochMilli(m.at()))) + "  " + m.text()));
        }
    }

    @Command(name = "status", description = "Where you are: workshop, seat, task, clock, results waiting to be sent, lab.")
    static final class StatusCmd extends ShellCommand {
        @Override
        protected void run() {
            WorkshopMode m = mode(s);
            var link = m.link();
            s.out().println("workshop: " + link.plan().title() + " at " + link.url() + (link.connected() ? "" : " (not answering)"));
            s.out().println("seat:     " + link.seat() + " as " + link.name());
            s.out().println("task:     " + (m.current() + 1) + "/" + m.size() + " — " + m.scenario(m.current()).title());
            s.out().println("clock:    " + m.clockWords());
            s.out().println("queued:   " + (link.queued() == 0 ? "nothing, every result is with the server" : link.queued() + " result(s) in " + link.queueDirectory()));
            s.out().println("lab:      " + (s.labHandle().ready() ? s.lab().describe() : s.labHandle().kind() + " (" + s.labHandle().state() + ")"));
        }
    }
}
