package dev.netpollab.shell;

import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Long work shows one line that updates in place, on the terminal types of xterm, screen and tmux. */
class TerminalProgressTest {
    /** What the screen shows after the bytes: carriage return, clear to end of line and newline are obeyed, colours dropped. */
    static List<String> screen(String bytes) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int col = 0;
        for (int i = 0; i < bytes.length(); i++) {
            char ch = bytes.charAt(i);
            if (ch == '\u001b' && i + 1 < bytes.length() && bytes.charAt(i + 1) == '[') {
                int end = i + 2;
                while (end < bytes.length() && !Character.isLetter(bytes.charAt(end))) {
                    end++;
                }
                if (bytes.charAt(end) == 'K') {
                    line.setLength(Math.min(col, line.length()));
                }
                i = end;
            } else if (ch == '\r') {
                col = 0;
            } else if (ch == '\n') {
                lines.add(line.toString());
                line.setLength(0);
                col = 0;
            } else {
                if (col < line.length()) {
                    line.setCharAt(col, ch);
                } else {
                    line.append(ch);
                }
                col++;
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines.stream().map(String::stripTrailing).toList();
    }

    /** A terminal of this type whose output is kept: no input and no pump thread, so every byte arrives in order. */
    private static Terminal terminal(String type, ByteArrayOutputStream out, int columns, int rows) throws java.io.IOException {
        Terminal t = new org.jline.terminal.impl.LineDisciplineTerminal("test", type, out, StandardCharsets.UTF_8);
        t.setSize(new Size(columns, rows));
        return t;
    }

    @ParameterizedTest(name = "TERM={0}")
    @ValueSource(strings = {"xterm-256color", "screen", "screen-256color", "tmux-256color"})
    @DisplayName("a counted phase is one line rewritten in place, kept once complete; a step still shown at the end is removed")
    void inPlace(String type) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Terminal t = terminal(type, bytes, 100, 40)) {
            PrintWriter out = t.writer();
            out.println("netpol-lab> start x");
            try (TerminalProgress p = new TerminalProgress(out, ProgressLine.of(t))) {
                for (int i = 1; i <= 7; i++) {
                    p.step("creating the world", i, 7);
                }
                p.step("waiting for the world's pods to be ready (3 s)", 0, 0);
                p.step("waiting for the world's pods to be ready (4 s)", 0, 0);
            }
            out.println("Task text");
            out.flush();
            t.flush();
        }
        String raw = bytes.toString(StandardCharsets.UTF_8);
        assertThat(raw).as("the line was rewritten, not printed seven times").contains("creating the world 3/7");
        assertThat(screen(raw)).containsExactly("netpol-lab> start x", "  creating the world 7/7", "Task text");
    }

    @Test
    @DisplayName("a line too long for the terminal is cut, never wrapped (a wrapped line could not be rewritten)")
    void cutToWidth() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Terminal t = terminal("xterm", bytes, 40, 20)) {
            ProgressLine line = ProgressLine.of(t).orElseThrow();
            line.show("x".repeat(100));
            line.finish("done");
        }
        List<String> shown = screen(bytes.toString(StandardCharsets.UTF_8));
        assertThat(shown).containsExactly("done");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("x".repeat(38) + "…").doesNotContain("x".repeat(40));
    }

    @Test
    @DisplayName("waiting for a lab that is starting: one line with its latest step, gone once it is up; a slow lab is not waited for past the limit")
    void awaitLab() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        LabHandle slow = new LabHandle("k3s", p -> {
            p.step("pulling images", 1, 2);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }, null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Terminal t = terminal("screen", bytes, 100, 40)) {
            slow.waitingLine(ProgressLine.of(t).orElseThrow());
            slow.progressTo(l -> { }, step -> { });
            assertThat(slow.await(java.time.Duration.ofMillis(700))).as("still starting").isFalse();
            assertThat(slow.state()).isEqualTo("starting: pulling images 1/2");
            release.countDown();
            assertThat(slow.await(java.time.Duration.ofSeconds(10))).isTrue();
            t.writer().println("netpol-lab> ");
            t.flush();
        }
        String raw = bytes.toString(StandardCharsets.UTF_8);
        assertThat(raw).contains("Starting the k3s lab: pulling images 1/2");
        assertThat(screen(raw)).as("the waiting line is gone before the prompt").containsExactly("netpol-lab>");
    }

    @Test
    @DisplayName("a pipe or dumb terminal gets plain lines: each counted phase once complete, no carriage returns")
    void pipe() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Terminal t = terminal("dumb", bytes, 80, 24)) {
            assertThat(ProgressLine.of(t)).isEmpty();
        }
        StringWriter w = new StringWriter();
        try (TerminalProgress p = new TerminalProgress(new PrintWriter(w), Optional.empty())) {
            for (int i = 1; i <= 7; i++) {
                p.step("creating the world", i, 7);
            }
        }
        assertThat(w.toString()).isEqualTo("  creating the world 7/7\n").doesNotContain("\r");
    }
}
