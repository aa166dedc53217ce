package dev.netpollab.workshop;

/**
 * The workshop's clock, driven by the instructor: not started, running, paused; extended by minutes. Time
 * only counts while it runs. Values in epoch milliseconds; the server's clock is the only one that counts.
 *
 * @param usedMs       running time before {@code runningSince}
 * @param runningSince when the current run began, or 0 when not running
 */
public record WorkshopTimer(boolean started, long usedMs, long runningSince, int extraMinutes) {
    public static final WorkshopTimer NOT_STARTED = new WorkshopTimer(false, 0, 0, 0);

    public boolean running() {
        return runningSince > 0;
    }

    public long used(long now) {
        return usedMs + (running() ? Math.max(0, now - runningSince) : 0);
    }

    public long totalMs(int minutes) {
        return (minutes + (long) extraMinutes) * 60_000L;
    }

    public long remainingMs(long now, int minutes) {
        return Math.max(0, totalMs(minutes) - used(now));
    }

    public boolean over(long now, int minutes) {
        return started && remainingMs(now, minutes) == 0;
    }

    /** Starts, or resumes after a pause; a running timer is left alone. */
    public WorkshopTimer start(long now) {
        return running() ? this : new WorkshopTimer(true, usedMs, now, extraMinutes);
    }

    public WorkshopTimer pause(long now) {
        return running() ? new WorkshopTimer(true, used(now), 0, extraMinutes) : this;
    }

    public WorkshopTimer extend(int minutes) {
        return new WorkshopTimer(started, usedMs, runningSince, extraMinutes + minutes);
    }

    /** not-started, running, paused or over: the word the dashboard and the learners' status line show. */
    public String state(long now, int minutes) {
        if (!started) {
            return "not-started";
        }
        if (over(now, minutes)) {
            return "over";
        }
        return running() ? "running" : "paused";
    }
}
