package dev.netpollab.shell;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A terminal a test types into line by line, reading what the shell printed in between, so that time can
 * be moved forward at exact points of a session.
 */
final class ScriptedTerminal {
    final PipedInputStream in = new PipedInputStream(1 << 16);
    private final PipedOutputStream keys;
    private final StringBuffer screen = new StringBuffer();
    final OutputStream out = new OutputStream() {
        private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            pending.write(b);
            if (b == '\n' || b == ' ') {
                flush();
            }
        }

        @Override
        public synchronized void flush() {
            screen.append(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
        }
    };

    ScriptedTerminal() throws IOException {
        keys = new PipedOutputStream(in);
    }

    void type(String line) throws IOException {
        keys.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    void hangUp() throws IOException {
        keys.close();
    }

    String screen() {
        return screen.toString();
    }

    /** Waits until the screen shows the text (after the given position). */
    int awaitText(String text, int from) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            int at = screen.indexOf(text, from);
            if (at >= 0) {
                return at + text.length();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the shell never printed \"" + text + "\"; screen:\n" + screen);
    }
}
