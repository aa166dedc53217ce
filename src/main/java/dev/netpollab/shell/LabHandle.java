package dev.netpollab.shell;

import dev.netpollab.lab.Lab;
import dev.netpollab.lab.LabException;

import java.io.PrintWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The lab, starting in the background so the prompt appears at once; commands that need it wait for it,
 * saying so when they have to.
 */
public final class LabHandle implements AutoCloseable {
    private final CompletableFuture<Lab> future;
    private final String kind;

    public LabHandle(String kind, Supplier<Lab> starter) {
        this.kind = kind;
        this.future = CompletableFuture.supplyAsync(starter);
    }

    public static LabHandle of(Lab lab) {
        return new LabHandle(lab.kind(), () -> lab);
    }

    public String kind() {
        return kind;
    }

    public boolean ready() {
        return future.isDone() && !future.isCompletedExceptionally();
    }

    /** The lab; prints a line while it is still starting. */
    public Lab get(PrintWriter out) {
        if (!future.isDone()) {
            out.println("waiting for the " + kind + " lab to start...");
            out.flush();
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
            throw new LabException("the " + kind + " lab could not start: " + c, c);
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
