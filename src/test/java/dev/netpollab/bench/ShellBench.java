package dev.netpollab.bench;

import dev.netpollab.grade.Grade;
import dev.netpollab.grade.Grader;
import dev.netpollab.lab.EmbeddedLab;
import dev.netpollab.lab.LabProgress;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * {@code make bench}, shell part: launch of {@code ./netpol-lab} to its first prompt (target 1.5 s), and a
 * {@code check} on the largest scenario of the library on the embedded lab after warm-up (target 100 ms).
 */
public final class ShellBench {
    private ShellBench() {
    }

    public static void main(String[] args) throws Exception {
        launch(Path.of(args.length > 0 ? args[0] : "./netpol-lab"));
        check();
        paste();
    }

    /**
     * A long line pasted into a terminal without bracketed paste: one key per character reaches the shell's line
     * reader, on a full xterm terminal (redraws and all). Was quadratic (20,000 characters: 32 s); target linear.
     */
    static void paste() throws Exception {
        for (int n : new int[]{20_000, 60_000}) {
            String line = "x".repeat(n);
            var t = new org.jline.terminal.impl.ExternalTerminal("bench", "xterm-256color",
                    new java.io.ByteArrayInputStream((line + "\r").getBytes(StandardCharsets.UTF_8)), java.io.OutputStream.nullOutputStream(),
                    StandardCharsets.UTF_8);
            t.setSize(new org.jline.terminal.Size(120, 40));
            var reader = new dev.netpollab.shell.ShellLineReader(t, "bench");
            long start = System.nanoTime();
            String got = reader.readLine("netpol-lab> ");
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("paste of a %,d-character line into the shell's line reader: %d ms, %d redraws%s (target <= 1000 ms)%n",
                    n, ms, reader.redisplays(), got.length() == n ? "" : " (LINE DAMAGED)");
        }
    }

    static void launch(Path launcher) throws Exception {
        long[] ms = new long[5];
        Path home = Files.createTempDirectory("netpol-lab-bench");
        for (int i = 0; i < ms.length; i++) {
            ProcessBuilder pb = new ProcessBuilder(launcher.toString()).redirectErrorStream(true);
            pb.environment().put("NETPOL_LAB_HOME", home.toString());
            long start = System.nanoTime();
            Process p = pb.start();
            InputStream in = p.getInputStream();
            StringBuilder seen = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                seen.append((char) c);
                if (seen.indexOf("netpol-lab> ") >= 0) {
                    break;
                }
            }
            ms[i] = (System.nanoTime() - start) / 1_000_000;
            p.getOutputStream().write("quit\n".getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            in.readAllBytes();
            p.waitFor();
        }
        Arrays.sort(ms);
        System.out.printf("launch to first prompt (embedded lab, 5 runs): median %d ms, max %d ms (target <= 1500 ms)%n", ms[2], ms[4]);
    }

    static void check() {
        ScenarioLibrary lib = ScenarioLibrary.load(List.of());
        Scenario largest = lib.scenarios().stream()
                .max(Comparator.comparingInt(s -> s.expect().size() * s.world().pods().size())).orElseThrow();
        try (EmbeddedLab lab = EmbeddedLab.start()) {
            lab.provision(largest, LabProgress.NONE);
            lab.applyBroken(largest);
            Grader grader = new Grader();
            for (int i = 0; i < 30; i++) {
                grader.grade(largest, lab.snapshot(largest), dev.netpollab.probe.Probers.of(lab));
            }
            List<Long> us = new ArrayList<>();
            Grade g = null;
            for (int i = 0; i < 50; i++) {
                long t = System.nanoTime();
                g = grader.grade(largest, lab.snapshot(largest), dev.netpollab.probe.Probers.of(lab));
                us.add((System.nanoTime() - t) / 1000);
            }
            us.sort(Long::compare);
            System.out.printf("check on the largest scenario (%s: %d pods, %d probes), after 30 warm-up runs: median %.1f ms, p95 %.1f ms"
                            + " (target <= 100 ms)%n", largest.id(), largest.world().pods().size(), g.cells().size(),
                    us.get(25) / 1000.0, us.get(47) / 1000.0);
        }
    }
}
