package dev.netpollab.shell;

import org.jline.terminal.Size;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long line pasted into a terminal without bracketed paste arrives one key per character. JLine redraws the
 * whole line after each key it handles, which made a paste quadratic; the shell's reader inserts what is already
 * waiting in one go. These tests count redraws (the cause), never time; {@code make bench} measures the time.
 */
class ShellLineReaderTest {
    private static ShellLineReader reader(String typed) throws IOException {
        ExternalTerminal t = new ExternalTerminal("test", "xterm-256color", new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
                OutputStream.nullOutputStream(), StandardCharsets.UTF_8);
        t.setSize(new Size(120, 40));
        return new ShellLineReader(t, "test");
    }

    @Test
    void aPastedLineIsInsertedWholeWithAHandfulOfRedrawsNotOnePerCharacter() throws IOException {
        String line = "probe shop/web shop/db:5432 " + "x".repeat(20_000);
        ShellLineReader r = reader(line + "\r");
        assertThat(r.readLine("> ")).isEqualTo(line);
        assertThat(r.redisplays()).as("redraws for %d characters", line.length()).isLessThan(100);
    }

    @Test
    void keysThatAreNotPlainTextStillDoWhatTheyDo() throws IOException {
        // Ctrl-B moves back one character, so X lands before the b; Ctrl-A goes to the start of the line.
        ShellLineReader r = reader("ab\u0002X\u0001>\r");
        assertThat(r.readLine("> ")).isEqualTo(">aXb");
    }

    @Test
    void textTypedAfterEnterIsTheNextLine() throws IOException {
        ShellLineReader r = reader("first line\rsecond\r");
        assertThat(r.readLine("> ")).isEqualTo("first line");
        assertThat(r.readLine("> ")).isEqualTo("second");
    }
}
