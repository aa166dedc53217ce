package dev.netpollab.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fuzz test over the YAML readers: random mutations of the library's scenarios, exam sets and manifests,
 * read by analyze, validate and check in a JVM capped at 256 MiB of heap. Every run must exit 0, 1 or 2 with a
 * message, never 70, never a trace (see {@link YamlFuzz}). A fixed seed keeps a failure reproducible:
 * {@code java -cp ... dev.netpollab.cli.YamlFuzz SEED SECONDS DIR scenarios ...} replays it.
 */
class YamlFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20_261_111L);
    private static final long SECONDS = Long.getLong("fuzz.seconds", 25L);

    @Test
    void mutatedLibraryFilesEndWithAMessageNeverACrash(@TempDir Path work) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss2m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=off",
                "-Dnetpollab.home=" + work.resolve("home"),
                "-cp", System.getProperty("java.class.path"), YamlFuzz.class.getName(), String.valueOf(SEED), String.valueOf(SECONDS),
                work.toString(), "scenarios", "src/test/resources/analyze", "src/test/resources/hostile", "src/main/resources/examples"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(SECONDS + 60, TimeUnit.SECONDS)).as("the fuzzer finishes").isTrue();
        String report = new String(out, StandardCharsets.UTF_8);
        assertThat(report).as(report).doesNotContain("FAIL ").contains(" runs (exit 0: ");
        assertThat(p.exitValue()).as(report).isZero();
    }
}
