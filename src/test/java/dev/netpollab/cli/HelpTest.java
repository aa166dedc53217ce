package dev.netpollab.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HelpTest {
    /** The top level and every visible command, by name. */
    private static Map<String, CommandLine> commands() {
        CommandLine root = Main.commandLine();
        Map<String, CommandLine> out = new LinkedHashMap<>();
        out.put("netpol-lab", root);
        root.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().usageMessage().hidden() && !name.equals("help")) {
                out.put(name, sub);
            }
        });
        return out;
    }

    private static String usage(CommandLine c, int width) {
        c.setUsageHelpAutoWidth(false);
        c.setUsageHelpWidth(width);
        return c.getUsageMessage(CommandLine.Help.Ansi.OFF);
    }

    @Test
    @DisplayName("every command answers --help, and its usage renders without picocli warnings (e.g. a bare % in a description)")
    void everyCommandHasHelp() {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(commands()).containsKeys("exam", "analyze", "doctor", "calico-manifest", "validate", "check", "list", "history");
            commands().forEach((name, c) -> {
                if (!name.equals("netpol-lab")) {
                    assertThat(usage(c, 100)).as(name).contains("-h, --help").contains("Usage: netpol-lab " + name);
                }
            });
        } finally {
            System.setErr(saved);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        CliRun r = CliRun.of("exam", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Usage: netpol-lab exam");
    }

    @Test
    @DisplayName("help reads as sentences: no line ends in a comma at 100 or 150 columns, no word is cut at a dot at 80, 100 or 150")
    void noBrokenSentences() {
        for (int width : new int[]{80, 100, 150}) {
            commands().forEach((name, c) -> {
                List<String> lines = usage(c, width).lines().toList();
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).stripTrailing();
                    if (width >= 100) {
                        assertThat(line).as(name + " at " + width + " columns, line " + (i + 1)).doesNotEndWith(",");
                    }
                    assertThat(line.length()).as(name + " at " + width + " columns: " + line).isLessThanOrEqualTo(width);
                    // A line that ends in a dot and a next one that goes on in lower case: a dotted word such as
                    // testcontainers.reuse.enable or ~/.netpol-lab was cut (entries of the command list excepted).
                    String next = i + 1 < lines.size() ? lines.get(i + 1) : "";
                    if (line.endsWith(".") && !line.endsWith("...") && !line.endsWith("e.g.") && !next.matches("^ {2}[a-z][\\w-]* {2,}.*")) {
                        assertThat(next.strip()).as(name + " at " + width + ": a word cut after \"" + line + "\"")
                                .doesNotMatch("^[a-z].*");
                    }
                }
            });
        }
    }

    @Test
    @DisplayName("each description is whole paragraphs: every element of a command's or an option's description ends a sentence")
    void descriptionsAreParagraphs() {
        commands().forEach((name, c) -> {
            List<String> texts = new ArrayList<>(List.of(c.getCommandSpec().usageMessage().description()));
            c.getCommandSpec().options().forEach(o -> texts.addAll(List.of(o.description())));
            c.getCommandSpec().positionalParameters().forEach(p -> texts.addAll(List.of(p.description())));
            for (String t : texts) {
                assertThat(t.strip()).as(name + ": \"" + t + "\"").matches("(?s).*[.:)]$");
            }
        });
    }

    @Test
    @DisplayName("analyze's usage names the --explain connection once, as SRC DST:PORT[/PROTO]")
    void analyzeUsageReadable() {
        String usage = usage(commands().get("analyze"), 100);
        String synopsis = usage.substring(0, usage.indexOf("Compute which connections"));
        assertThat(synopsis.split("SRC DST:PORT\\[/PROTO]", -1)).as(synopsis).hasSize(2);
        assertThat(synopsis).doesNotContain("]...").contains("--scenario ID");
        usage.lines().forEach(l -> assertThat(l.split("SRC DST:PORT", -1).length).as(l).isLessThanOrEqualTo(2));
    }

    @Test
    @DisplayName("each command lists only the options it uses: lab flags on the shell and exam, none on history, list, check")
    void perCommandOptions() {
        Set<String> labFlags = Set.of("--lab", "--context", "--kubeconfig", "--cni", "--reuse", "--calico-manifest");
        Map<String, CommandLine> all = commands();
        for (String name : List.of("netpol-lab", "exam")) {
            assertThat(names(all.get(name))).as(name).containsAll(labFlags).contains("--scenarios", "--no-color");
        }
        for (String name : List.of("list", "history", "check", "validate", "analyze")) {
            assertThat(names(all.get(name))).as(name).doesNotContainAnyElementsOf(labFlags).doesNotContain("-V", "--version");
        }
        assertThat(names(all.get("history"))).doesNotContain("--scenarios").contains("--no-color", "--last");
        assertThat(names(all.get("doctor"))).as("doctor --deep boots a lab").containsAll(labFlags).contains("--deep").doesNotContain("--no-color");
        assertThat(names(all.get("join"))).as("a learner joining runs a lab").containsAll(labFlags).doesNotContain("--scenarios");
        assertThat(names(all.get("calico-manifest"))).contains("--from", "--calico-manifest").doesNotContain("--lab", "--cni", "--no-color");
        assertThat(names(all.get("netpol-lab"))).contains("-V", "--version");
        CliRun r = CliRun.of("check", "--lab", "k3s", "--scenario", "x", "--policies", "y");
        assertThat(r.exitCode()).isEqualTo(Main.INVALID_INPUT);
        assertThat(r.err()).startsWith("error: unknown option --lab");
    }

    private static List<String> names(CommandLine c) {
        List<String> out = new ArrayList<>();
        c.getCommandSpec().options().forEach(o -> out.addAll(List.of(o.names())));
        return out;
    }
}
