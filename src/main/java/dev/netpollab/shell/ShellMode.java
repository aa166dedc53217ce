package dev.netpollab.shell;

import org.jline.reader.LineReader;

import java.util.List;

/** What makes the shell a drill or a mock exam: its commands, prompt, status line and rules of time. */
public interface ShellMode {
    /** The mode's own commands (kubectl built-ins and help are always there). */
    List<Class<? extends ShellCommand>> commands();

    /** Heading of the mode's commands in `help`. */
    String title();

    void banner(Session s);

    String prompt(Session s);

    String status(Session s);

    /** Why a trainer command that this mode leaves out is not there, after "`start` is not available ". */
    default String unavailable(String command) {
        return "in a mock exam: as in the real exam, you have kubectl, `probe` and the task; you are graded when you `submit` or the time is up";
    }

    /** Runs before each line; false skips the line (e.g. the exam ended). */
    default boolean beforeCommand(Session s) {
        return true;
    }

    default void afterCommand(Session s) {
    }

    /** Called every second while the learner is at the prompt of an interactive terminal. */
    default void tick(Session s, LineReader reader) {
    }

    default void onExit(Session s) {
    }
}
