package dev.netpollab.shell;

import dev.netpollab.lab.Lab;
import dev.netpollab.lab.LabException;
import dev.netpollab.lab.LabProgress;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The lab, starting in the background so the prompt appears at once; its progress is shown as it comes,
 * commands that need it wait for it, and a lab that cannot start can give way to the embedded one.
 */
public final class LabHandle implements AutoCloseable {
    private volatile CompletableFuture<Lab> future;
    private volatile String kind;
    private final Supplier<Lab> fallback;
    private final List<String> pending = new ArrayList<>();
    private Consumer<String> sink;
    /** Where start-up steps go; null: with the other lines. */
    private Consumer<String> stepSink;
    /** The latest start-up step, for status lines ("starting: pulling images 2/5"). */
    private volatile String step = "";
    /** Where waiting for the lab is shown in place; null: one line is printed instead. */
    private ProgressLine waitingLine;

    /**
     * @param starter  boots the lab, reporting progress
     * @param fallback the lab to offer when this one cannot start (null: none)
     */
    public LabHandle(String kind, Function<LabProgress, Lab> starter, Supplier<Lab> fallback) {
        this.kind = kind;
        this.fallback = fallback;
        LabProgress progress = (phase, done, total) -> {
            step = phase + (total > 0 ? " " + done + "/" + total : "");
            sayStep("  " + kind + ": " + step);
        };
        this.future = CompletableFuture.supplyAsync(() -> starter.apply(progress));
        // Say so as soon as it fails, not only when the learner next needs the lab.
        this.future.whenComplete((lab, failure) -> {
            if (failure == null) {
                lab.kubeconfig().ifPresent(k -> say("  " + kind + ": ready; for kubectl in another terminal: export KUBECONFIG=" + k));
            } else {
                say("  " + kind + ": could not start; " + (canFallBack() ? "the embedded lab is offered when you start a scenario"
                        : "details when you start a scenario"));
            }
        });
    }

    public LabHandle(String kind, Supplier<Lab> starter) {
        this(kind, p -> starter.get(), null);
    }

    public static LabHandle of(Lab lab) {
        return new LabHandle(lab.kind(), () -> lab);
    }

    /** Where progress lines go (above the prompt on a terminal); lines that came earlier are delivered now. */
    public synchronized void progressTo(Consumer<String> s) {
        progressTo(s, null);
    }

    /**
     * @param steps where start-up steps go, when they are shown apart from the outcome lines (a status line that
     *              is redrawn in place); null sends them with the other lines
     */
    public synchronized void progressTo(Consumer<String> lines, Consumer<String> steps) {
        this.sink = lines;
        this.stepSink = steps;
        pending.forEach(lines);
        pending.clear();
    }

    private synchronized void say(String line) {
        if (sink == null) {
            pending.add(line);
        } else {
            sink.accept(line);
        }
    }

    private synchronized void sayStep(String line) {
        if (stepSink != null) {
            stepSink.accept(line);
        } else {
            say(line);
        }
    }

    /** Waiting for the lab is shown on this line, rewritten in place with the latest step and the seconds waited. */
    void waitingLine(ProgressLine line) {
        this.waitingLine = line;
    }

    /**
     * Waits up to this long for the lab to be up (or to fail), showing how far it is; true when it is no
     * longer starting. The line is gone when this returns.
     */
    public boolean await(java.time.Duration max) {
        long start = System.nanoTime();
        long deadline = start + max.toNanos();
        boolean printed = false;
        while (!future.isDone() && System.nanoTime() < deadline) {
            long waited = (System.nanoTime() - start) / 1_000_000_000L;
            if (waitingLine != null) {
                String now = step;
                waitingLine.show("Starting the " + kind + " lab" + (now.isEmpty() ? "..." : ": " + now) + (waited > 0 ? " (" + waited + " s)" : ""));
            }
            try {
                future.get(Math.min(250, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                // Failed (said by the outcome line) or still starting: the loop looks again.
            }
            printed = true;
        }
        if (waitingLine != null && printed) {
            waitingLine.clear();
        }
        return future.isDone();
    }

    public String kind() {
        return kind;
    }

    public boolean ready() {
        return future.isDone() && !future.isCompletedExceptionally();
    }

    /** A word for status lines: ready, starting (with the latest step), or could not start. */
    public String state() {
        if (!future.isDone()) {
            String now = step;
            return now.isEmpty() ? "starting" : "starting: " + now;
        }
        return future.isCompletedExceptionally() ? "could not start" : "ready";
    }

    public boolean canFallBack() {
        return fallback != null && !kind.equals("embedded");
    }

    /** Gives up on this lab and starts the fallback instead. */
    public void fallBack() {
        kind = "embedded";
        step = "";
        future = CompletableFuture.supplyAsync(fallback);
    }

    /** The lab; shows that it is waiting while the lab is still starting. */
    public Lab get(PrintWriter out) {
        if (!future.isDone()) {
            if (waitingLine == null) {
                out.println("waiting for the " + kind + " lab to start...");
                out.flush();
            } else {
                out.flush();
                await(java.time.Duration.ofMinutes(30));
            }
        }
        try {
            return future.get(30, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while the lab was starting");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof LabException le) {
                throw le;
            }
            // The caller says the lab could not start; the message is the reason, not a stack trace.
            throw new LabException(c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName(), c);
        } catch (TimeoutException e) {
            throw new LabException("the " + kind + " lab did not start within 30 minutes");
        }
    }

    @Override
    public void close() {
        if (!future.isDone()) {
            // Still starting: close it as soon as it is up (a container lab also stops on JVM exit).
            future.thenAccept(Lab::close);
        } else if (!future.isCompletedExceptionally()) {
            future.join().close();
        }
    }
}
