package dev.netpollab.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that only moves when a test moves it; safe to read from the shell's timer thread. */
public final class ManualClock extends Clock {
    private volatile Instant now;

    public ManualClock(String start) {
        this.now = Instant.parse(start);
    }

    public ManualClock() {
        this("2026-11-29T10:00:00Z");
    }

    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
