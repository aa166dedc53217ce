package dev.netpollab.shell;

import java.util.concurrent.Callable;

/** A command of the shell; the session is handed in by {@link ShellCommands}' factory. */
public abstract class ShellCommand implements Callable<Integer> {
    protected Session s;

    final void session(Session session) {
        this.s = session;
    }

    @Override
    public final Integer call() throws Exception {
        run();
        return 0;
    }

    protected abstract void run() throws Exception;
}
