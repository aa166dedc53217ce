package dev.netpollab.grade;

import dev.netpollab.lab.AppHome;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a report three ways: {@code report.md} for people, {@code report.json} for tools and
 * {@code junit.xml} (one test case per probe) for an instructor's CI.
 */
public final class ReportWriter {
    private ReportWriter() {
    }

    public static void write(Report r, Path dir) throws IOException {
        Files.createDirectories(dir);
        AppHome.writeAtomically(dir.resolve("report.md"), markdown(r));
        AppHome.writeAtomically(dir.resolve("report.json"), json(r));
        AppHome.writeAtomically(dir.resolve("junit.xml"), junit(r));
    }

    /** Score per topic across the tasks, in percent of the weight that carried the topic. */
    public static Map<String, double[]> topics(Report r) {
        Map<String, double[]> out = new TreeMap<>();
        for (Report.Task t : r.tasks()) {
            for (String topic : t.scenario().meta().topics()) {
                double[] acc = out.computeIfAbsent(topic, k -> new double[2]);
                acc[0] += t.points();
                acc[1] += t.weight();
            }
        }
        return out;
    }

    /** "target" for a row the broken state got wrong, "guard" for one that already passed. */
    public static String role(Report.Task t, GradeRow row) {
        return t.credit().isTarget(row) ? "target" : "guard";
    }

    static String markdown(Report r) {
        StringBuilder b = new StringBuilder();
        b.append("# ").append(r.title()).append("\n\n");
        b.append("- When: ").append(r.at()).append("\n- Lab: ").append(r.lab()).append("\n");
        b.append(String.format(Locale.ROOT, "- Score: **%.1f %%**%s%n%n", r.percent(),
                r.passPercent() == null ? "" : " (pass mark " + r.passPercent() + " %: " + (r.passed() ? "**PASSED**" : "**not passed**") + ")"));
        b.append("| # | Task | Weight | Targets fixed | Guards kept | Points | Time |\n|---|---|---|---|---|---|---|\n");
        int i = 1;
        for (Report.Task t : r.tasks()) {
            ExamCredit.Score cr = t.credit();
            b.append(String.format(Locale.ROOT, "| %d | %s | %d | %d/%d | %d/%d | %.1f | %s |%n", i++, t.scenario().title(), t.weight(),
                    cr.targetsMet(), cr.targets().size(), cr.guards().size() - cr.guardsBroken(), cr.guards().size(), t.points(), clock(t.spent())));
        }
        b.append("\nTargets are what the broken state got wrong (each fixed one earns its share of the weight); guards are what already ")
                .append("worked (each one broken costs one target's share).\n");
        b.append("\n## By topic\n\n| Topic | Score |\n|---|---|\n");
        topics(r).forEach((topic, acc) -> b.append(String.format(Locale.ROOT, "| %s | %.0f %% |%n", topic, 100 * acc[0] / acc[1])));
        i = 1;
        for (Report.Task t : r.tasks()) {
            b.append("\n## ").append(i++).append(". ").append(t.scenario().title()).append(" (`").append(t.scenario().id()).append("`)\n\n");
            b.append("| | Row | From | To | Expected | Observed |\n|---|---|---|---|---|---|\n");
            for (CellResult c : t.grade().cells()) {
                b.append("| ").append(c.pass() ? "✓" : "✗").append(" | ").append(role(t, c)).append(" | ").append(c.probe().from()).append(" | ")
                        .append(c.probe().to().text()).append(':').append(c.probe().port()).append('/').append(c.probe().protocol()).append(" | ")
                        .append(c.expectedLabel()).append(" | ").append(c.observation().outcome().label()).append(" |\n");
            }
            if (!t.grade().checks().isEmpty()) {
                b.append("\n| | Row | Object check | Result |\n|---|---|---|---|\n");
                for (CheckResult c : t.grade().checks()) {
                    b.append("| ").append(c.pass() ? "✓" : "✗").append(" | ").append(role(t, c)).append(" | ").append(c.label())
                            .append(" | ").append(c.pass() ? "met" : c.detail()).append(" |\n");
                }
            }
            List<CellResult> wrong = t.grade().failedCells();
            if (!wrong.isEmpty() || !t.grade().failedChecks().isEmpty() || !t.grade().integrityFailures().isEmpty()) {
                b.append("\nWhat went wrong:\n\n");
                wrong.forEach(c -> b.append("- ").append(role(t, c)).append(" `").append(c.probe()).append("`: ").append(c.reason()).append('\n'));
                t.grade().failedChecks().forEach(c -> b.append("- ").append(role(t, c)).append(" ").append(c.label()).append(": ")
                        .append(c.detail()).append('\n'));
                t.grade().integrityFailures().forEach(f -> b.append("- ").append(f).append('\n'));
            }
            if (!t.scenario().explanation().isBlank()) {
                b.append("\n> ").append(t.scenario().explanation().strip().replace("\n", "\n> ")).append('\n');
            }
        }
        return b.toString();
    }

    static String json(Report r) {
        JsonMapper m = JsonMapper.builder().build();
        ObjectNode root = m.createObjectNode();
        root.put("title", r.title());
        root.put("at", r.at().toString());
        root.put("lab", r.lab());
        root.put("percent", Math.round(r.percent() * 10) / 10.0);
        if (r.passPercent() != null) {
            root.put("passPercent", r.passPercent());
        }
        root.put("passed", r.passed());
        ArrayNode tasks = root.putArray("tasks");
        for (Report.Task t : r.tasks()) {
            ObjectNode o = tasks.addObject();
            o.put("scenario", t.scenario().id());
            o.put("title", t.scenario().title());
            o.put("weight", t.weight());
            o.put("met", t.grade().met());
            o.put("total", t.grade().total());
            o.put("targets", t.credit().targets().size());
            o.put("targetsMet", t.credit().targetsMet());
            o.put("guards", t.credit().guards().size());
            o.put("guardsBroken", t.credit().guardsBroken());
            o.put("points", Math.round(t.points() * 100) / 100.0);
            o.put("seconds", t.spent().getSeconds());
            o.put("passed", t.grade().passed());
            t.scenario().meta().topics().forEach(o.putArray("topics")::add);
            ArrayNode cells = o.putArray("cells");
            for (CellResult c : t.grade().cells()) {
                ObjectNode co = cells.addObject();
                co.put("from", c.probe().from());
                co.put("to", c.probe().to().text());
                co.put("port", c.probe().port());
                co.put("protocol", c.probe().protocol().name());
                co.put("expected", c.expectedLabel());
                co.put("observed", c.observation().outcome().label());
                co.put("role", role(t, c));
                co.put("pass", c.pass());
                if (!c.pass()) {
                    co.put("reason", c.reason());
                }
            }
            ArrayNode checks = o.putArray("checks");
            for (CheckResult c : t.grade().checks()) {
                ObjectNode co = checks.addObject();
                co.put("check", c.label());
                co.put("policy", c.check().policy());
                co.put("role", role(t, c));
                co.put("pass", c.pass());
                if (!c.pass()) {
                    co.put("detail", c.detail());
                }
            }
            t.grade().integrityFailures().forEach(o.putArray("integrityFailures")::add);
        }
        ObjectNode topics = root.putObject("topics");
        topics(r).forEach((topic, acc) -> topics.put(topic, Math.round(1000 * acc[0] / acc[1]) / 10.0));
        return m.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    static String junit(Report r) {
        StringWriter sw = new StringWriter();
        try {
            XMLStreamWriter x = XmlText.filtering(XMLOutputFactory.newInstance().createXMLStreamWriter(sw));
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            x.writeAttribute("name", r.title());
            int tests = r.tasks().stream().mapToInt(t -> t.grade().total() + t.grade().integrityFailures().size()).sum();
            int failures = r.tasks().stream().mapToInt(t -> t.grade().total() - t.grade().met() + t.grade().integrityFailures().size()).sum();
            x.writeAttribute("tests", String.valueOf(tests));
            x.writeAttribute("failures", String.valueOf(failures));
            for (Report.Task t : r.tasks()) {
                x.writeCharacters("\n  ");
                x.writeStartElement("testsuite");
                x.writeAttribute("name", t.scenario().id());
                x.writeAttribute("tests", String.valueOf(t.grade().total() + t.grade().integrityFailures().size()));
                x.writeAttribute("failures", String.valueOf(t.grade().total() - t.grade().met() + t.grade().integrityFailures().size()));
                x.writeAttribute("time", String.valueOf(t.spent().getSeconds()));
                for (GradeRow row : t.grade().rows()) {
                    x.writeCharacters("\n    ");
                    x.writeStartElement("testcase");
                    x.writeAttribute("classname", t.scenario().id());
                    x.writeAttribute("name", row.label() + " (" + role(t, row) + ")");
                    if (!row.pass()) {
                        x.writeStartElement("failure");
                        if (row instanceof CellResult c) {
                            x.writeAttribute("message", "observed " + c.observation().outcome().label());
                            x.writeCharacters(c.reason());
                        } else {
                            x.writeAttribute("message", ((CheckResult) row).detail());
                        }
                        x.writeEndElement();
                    }
                    x.writeEndElement();
                }
                for (String f : t.grade().integrityFailures()) {
                    x.writeCharacters("\n    ");
                    x.writeStartElement("testcase");
                    x.writeAttribute("classname", t.scenario().id());
                    x.writeAttribute("name", "world integrity");
                    x.writeStartElement("failure");
                    x.writeAttribute("message", f);
                    x.writeEndElement();
                    x.writeEndElement();
                }
                x.writeCharacters("\n  ");
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing junit.xml", e);
        }
        return sw + "\n";
    }

    public static String clock(java.time.Duration d) {
        long s = Math.max(0, d.getSeconds());
        return String.format("%02d:%02d", s / 60, s % 60);
    }
}
