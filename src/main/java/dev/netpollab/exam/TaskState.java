package dev.netpollab.exam;

import java.util.Locale;

/** Where a learner is with a task, as the exam's task list shows it. */
public enum TaskState {
    UNTOUCHED, ATTEMPTED, FLAGGED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
