package dev.netpollab.shell;

import dev.netpollab.grade.Grade;
import dev.netpollab.grade.Report;
import dev.netpollab.grade.ReportWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** {@code check --report DIR}: the drill's grade as report.md, report.json and junit.xml. */
final class ReportExport {
    private ReportExport() {
    }

    static void write(Session s, Grade g, Path dir) throws IOException {
        Attempt a = s.requireAttempt();
        Report r = new Report("netpol-lab check: " + a.scenario().title(), g.at(), s.lab().describe(),
                List.of(new Report.Task(a.scenario(), g, 1, a.elapsed(s.clock().instant()))), null);
        try {
            ReportWriter.write(r, dir);
            s.out().println("Report written to " + dir + "/ (report.md, report.json, junit.xml)");
        } catch (IOException | RuntimeException e) {
            s.out().println(s.colors().yellow("warning: ") + "the report could not be written to " + dir + " ("
                    + dev.netpollab.scenario.IoMessages.of(e) + "); the grade above stands");
        }
    }
}
