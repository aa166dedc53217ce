package dev.netpollab.cli;

import picocli.CommandLine.Command;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * A short, representative run used by {@code make build} to record the class-data-sharing archive:
 * every class it loads is mapped, not loaded, at the next start. Hidden; not for users.
 */
@Command(name = "cds-training", hidden = true)
public class CdsTrainingCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("netpol-lab-cds");
        try (InputStream in = CdsTrainingCommand.class.getResourceAsStream("/examples/shop.yaml")) {
            Files.copy(in, dir.resolve("shop.yaml"));
        }
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        for (String format : new String[]{"json", "table", "matrix"}) {
            Main.execute(new String[]{"analyze", dir.toString(), "--format", format}, sink, sink);
        }
        Files.delete(dir.resolve("shop.yaml"));
        Files.delete(dir);
        return 0;
    }
}
