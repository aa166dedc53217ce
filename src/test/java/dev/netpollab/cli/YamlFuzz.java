package dev.netpollab.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Random mutations of the library's own YAML (scenarios, exam sets, manifests and the policies embedded in
 * scenarios), fed to the commands that read YAML: {@code analyze}, {@code validate} and {@code check}. Every run
 * must end with exit 0, 1 or 2, a message when it is 2, and neither an internal error nor a stack trace. It runs
 * in its own JVM with a small heap (see {@link YamlFuzzTest}), so that "memory bounded" is part of the check.
 *
 * <p>Arguments: seed, seconds, directory for inputs, then the seed files. Prints one line per failure and a
 * summary; exits 1 when anything failed.
 */
public final class YamlFuzz {
    private static final Pattern TRACE = Pattern.compile("(?m)^\\s+at [\\w.$]+\\(|Exception in thread|internal error|\\bException:");
    /** Snippets that broke readers before, or that readers must refuse cleanly. */
    private static final String[] HOSTILE = {
            "a: &x [1, 2]", "b: *x", "<<: *x", "<<: [1, 2]", "<<: {merged: yes}", "port: 0120", "port: 80.5", "port: 12345678901234567890123",
            "port: -1", "port: 0x50", "port: 1_0", "port: .inf", "app: null", "app:", "app: ~", "? [a, b]\n: c", "- *nowhere", "? {a: b}\n: c",
            "x: !!int abc", "x: !!binary ====", "x: !custom tag", "\"\\e[2J\\e]0;PASS\\a\": 1", "title: \"\\e[32mPASS 6/6\\e[0m\"",
            "kind: List\nitems: {a: b}", "items: [1, 2]", "~: null key", "yes: no", "on: off", "1.5: float key", "0120: octal key",
            "%YAML 1.1\n---", "--- !!map", "...", "\t- tab", "key: 'unterminated", "key: \"bad \\q escape\"", "[" , "{a: [}", "&a a: *a",
            "a: &a\n  b: *a", "matchLabels: {app: null}", "from: [~]", "ingress: [~]", "ports: [~]", "podSelector: ~", "spec: []",
            "metadata: {name: [x]}", "namespace: \"a b\"", "labels: {\"\": x}", "except: [~]", "policyTypes: [~, Ingress]",
            "cidr: 10.0.0.0/33", "endPort: 1", "protocol: ICMP", "replicas: 99999999999999999999", "containerPort: 99999",
            "minutes: 1e400", "hints: [~, [a]]", "expect: [{from: ~}]", "world: {pods: [~]}", "rules: {worldImmutable: yes, worldImmutable: no}",
    };

    private YamlFuzz() {
    }

    record Seed(String name, String text, boolean scenario) {
    }

    public static void main(String[] args) throws IOException {
        long seed = Long.parseLong(args[0]);
        long deadline = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
        Path work = Path.of(args[2]);
        List<Seed> seeds = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            load(Path.of(args[i]), seeds);
        }
        Random r = new Random(seed);
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        ByteArrayOutputStream stray = new ByteArrayOutputStream();
        int runs = 0;
        int failures = 0;
        int[] exits = new int[4];
        try {
            System.setOut(new PrintStream(stray, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stray, true, StandardCharsets.UTF_8));
            while (System.nanoTime() < deadline) {
                Seed s = seeds.get(r.nextInt(seeds.size()));
                int mutations = 1 + r.nextInt(3);
                byte[] input = s.text().getBytes(StandardCharsets.UTF_8);
                StringBuilder how = new StringBuilder();
                for (int m = 0; m < mutations; m++) {
                    input = mutate(input, r, how);
                }
                Path file = work.resolve("input-" + runs + ".yaml");
                Files.write(file, input);
                String[] command = command(s, file, r);
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                stray.reset();
                int code;
                try {
                    code = Main.execute(command, new PrintWriter(out), new PrintWriter(err));
                } catch (Throwable t) {
                    code = -1;
                    err.write("thrown: " + t);
                }
                String all = out + "\n" + err + "\n" + stray.toString(StandardCharsets.UTF_8);
                String problem = null;
                if (code < 0 || code > 2) {
                    problem = "exit " + code;
                } else if (code == 2 && err.toString().isBlank()) {
                    problem = "exit 2 without a message";
                } else if (TRACE.matcher(all).find()) {
                    problem = "a trace or an internal error";
                }
                if (code >= 0 && code <= 2) {
                    exits[code]++;
                }
                if (problem != null) {
                    failures++;
                    Path keep = work.resolve("failure-" + failures + ".yaml");
                    Files.write(keep, input);
                    realOut.println("FAIL " + problem + ": " + String.join(" ", command).replace(file.toString(), keep.toString())
                            + " (seed " + s.name() + ", mutations" + how + ")\n    " + all.strip().replace("\n", "\n    "));
                } else {
                    Files.deleteIfExists(file);
                }
                runs++;
            }
        } finally {
            System.setOut(realOut);
            System.setErr(realErr);
        }
        realOut.printf("%d runs (exit 0: %d, 1: %d, 2: %d), %d failure(s), heap max %d MiB%n", runs, exits[0], exits[1], exits[2], failures,
                Runtime.getRuntime().maxMemory() >> 20);
        System.exit(failures == 0 && runs > 0 ? 0 : 1);
    }

    private static void load(Path p, List<Seed> seeds) throws IOException {
        if (Files.isDirectory(p)) {
            try (Stream<Path> w = Files.walk(p)) {
                for (Path f : w.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                        .sorted().toList()) {
                    load(f, seeds);
                }
            }
            return;
        }
        String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        boolean scenario = text.contains("kind: Scenario") || text.contains("kind: ExamSet");
        seeds.add(new Seed(p.toString(), text, scenario));
        if (text.contains("kind: Scenario")) {
            // The policies embedded in a scenario are manifests in their own right.
            for (String block : List.of("broken", "solution")) {
                int at = text.indexOf("\n" + block + ": |");
                if (at >= 0) {
                    StringBuilder b = new StringBuilder();
                    for (String line : text.substring(text.indexOf('\n', at + 1) + 1).split("\n")) {
                        if (!line.isEmpty() && !line.startsWith(" ")) {
                            break;
                        }
                        b.append(line.length() >= 2 ? line.substring(2) : line).append('\n');
                    }
                    seeds.add(new Seed(p + "#" + block, b.toString(), false));
                }
            }
        }
    }

    private static String[] command(Seed s, Path file, Random r) {
        if (s.scenario()) {
            return r.nextInt(4) == 0 ? new String[]{"analyze", file.toString()} : new String[]{"validate", file.toString()};
        }
        return switch (r.nextInt(3)) {
            case 0 -> new String[]{"check", "--scenario", "default-deny-scope", "--policies", file.toString(), "--no-color"};
            default -> new String[]{"analyze", file.toString(), "--format", r.nextBoolean() ? "json" : "table", "--no-color"};
        };
    }

    static byte[] mutate(byte[] in, Random r, StringBuilder how) {
        String text = new String(in, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int at = lines.isEmpty() ? 0 : r.nextInt(lines.size());
        switch (r.nextInt(9)) {
            case 0 -> {
                how.append(" flip-byte");
                if (in.length == 0) {
                    return in;
                }
                byte[] out = in.clone();
                out[r.nextInt(out.length)] = (byte) r.nextInt(256);
                return out;
            }
            case 1 -> {
                how.append(" delete-line");
                if (!lines.isEmpty()) {
                    lines.remove(at);
                }
            }
            case 2 -> {
                how.append(" duplicate-line");
                if (!lines.isEmpty()) {
                    lines.add(at, lines.get(at));
                }
            }
            case 3 -> {
                how.append(" swap-lines");
                if (lines.size() > 1) {
                    int other = r.nextInt(lines.size());
                    String t = lines.get(at);
                    lines.set(at, lines.get(other));
                    lines.set(other, t);
                }
            }
            case 4, 5 -> {
                String snippet = HOSTILE[r.nextInt(HOSTILE.length)];
                how.append(" insert[").append(snippet.replace("\n", "\\n")).append(']');
                String line = lines.isEmpty() ? "" : lines.get(at);
                String indent = line.substring(0, line.length() - line.stripLeading().length());
                lines.add(at, indent + snippet.replace("\n", "\n" + indent));
            }
            case 6 -> {
                how.append(" truncate");
                return java.util.Arrays.copyOf(in, in.length == 0 ? 0 : r.nextInt(in.length));
            }
            case 7 -> {
                how.append(" number");
                String[] numbers = {"0", "-1", "65536", "99999", "80.5", "1e9", "0120", "08", "0x1F", "9223372036854775808", ".nan", "1_000"};
                lines.set(at, lines.isEmpty() ? "" : lines.get(at).replaceFirst("\\b\\d+\\b", numbers[r.nextInt(numbers.length)]));
            }
            default -> {
                how.append(" deep");
                int depth = 50 + r.nextInt(400);
                lines.add(at, "deep: " + "[".repeat(depth) + "]".repeat(depth));
            }
        }
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }
}
