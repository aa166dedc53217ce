package dev.netpollab.cli;

import dev.netpollab.lab.AppHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** An internal error points to the log where it really went: under NETPOL_LAB_HOME, or says that none was written. */
class InternalErrorLogTest {
    private static final String[] KEYS = {"org.slf4j.simpleLogger.logFile", "org.slf4j.simpleLogger.defaultLogLevel", AppHome.LOG_PROPERTY,
            "netpollab.home"};

    private static String internalError() {
        StringWriter err = new StringWriter();
        assertThat(Main.handle(new IllegalStateException("boom"), new PrintWriter(err, true))).isEqualTo(Main.INTERNAL_ERROR);
        return err.toString();
    }

    @Test
    void theMessageNamesTheLogUnderTheStateDirectoryInUse(@TempDir Path dir) throws Exception {
        Properties saved = new Properties();
        for (String k : KEYS) {
            if (System.getProperty(k) != null) {
                saved.setProperty(k, System.getProperty(k));
            }
        }
        try {
            System.clearProperty("org.slf4j.simpleLogger.logFile");
            System.clearProperty(AppHome.LOG_PROPERTY);
            System.setProperty("netpollab.home", dir.toString());
            Logging.init();
            assertThat(internalError()).contains("internal error: java.lang.IllegalStateException: boom")
                    .contains("details in " + dir.resolve("netpol-lab.log")).doesNotContain(".netpol-lab/netpol-lab.log");
            assertThat(dir.resolve("netpol-lab.log")).exists();

            Path file = Files.writeString(dir.resolve("a-file"), "x");
            System.clearProperty("org.slf4j.simpleLogger.logFile");
            System.clearProperty(AppHome.LOG_PROPERTY);
            System.setProperty("netpollab.home", file.toString());
            Logging.init();
            assertThat(internalError()).contains("no details were logged: " + file + " is not writable");
        } finally {
            for (String k : KEYS) {
                System.clearProperty(k);
            }
            saved.forEach((k, v) -> System.setProperty((String) k, (String) v));
        }
    }
}
