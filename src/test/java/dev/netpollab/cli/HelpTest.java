package dev.netpollab.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class HelpTest {
    @Test
    @DisplayName("every command answers --help, and its usage renders without picocli warnings (e.g. a bare % in a description)")
    void everyCommandHasHelp() {
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            CommandLine root = new CommandLine(new Main());
            assertThat(root.getSubcommands()).containsKeys("exam", "analyze", "doctor", "calico-manifest", "validate", "check", "list", "history");
            root.getSubcommands().forEach((name, sub) -> {
                if (sub.getCommandSpec().usageMessage().hidden() || name.equals("help")) {
                    return;
                }
                assertThat(sub.getUsageMessage()).as(name).contains("-h, --help").contains("Usage: netpol-lab " + name);
            });
        } finally {
            System.setErr(saved);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
