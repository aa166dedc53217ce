package dev.netpollab.cli;

import dev.netpollab.lab.AppHome;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Sends every library's logging (fabric8, Testcontainers, vert.x) to {@code ~/.netpol-lab/netpol-lab.log},
 * never to the learner's terminal. Must run before the first logger is created.
 */
final class Logging {
    private Logging() {
    }

    static Path init() {
        Path log = AppHome.resolve("netpol-lab.log");
        String configured = System.getProperty("org.slf4j.simpleLogger.logFile");
        if (configured == null) {
            try {
                // Open it once here: SLF4J's simple logger prints a stack trace over the screen when it cannot.
                Files.createDirectories(log.getParent());
                try (FileChannel ch = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
                    ch.size();
                }
                System.setProperty("org.slf4j.simpleLogger.logFile", log.toString());
                System.setProperty(AppHome.LOG_PROPERTY, log.toString());
            } catch (Exception e) {
                // No writable home: drop library logs rather than print them over the learner's screen.
                System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "off");
            }
        } else if (!configured.startsWith("System.")) {
            System.setProperty(AppHome.LOG_PROPERTY, configured);
        }
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSS");
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
        // vert.x and Netty log through their own facades; route them to slf4j too.
        System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
        // The embedded API server (fabric8 mockwebserver) logs every request with java.util.logging.
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
        return log;
    }
}
