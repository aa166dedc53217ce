package dev.netpollab.workshop;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The exports keep learner names as data: no spreadsheet formula, no markup, no broken table. */
class WorkshopExportTest {
    @TempDir
    Path dir;

    @Test
    @DisplayName("CSV, JSON and Markdown exports carry every seat and task; hostile names stay inert")
    void exports() throws Exception {
        try (WorkshopFixture w = new WorkshopFixture(dir, "default-deny-scope", "leftover-allow-all")) {
            WorkshopApi.Joined formula = w.join("=HYPERLINK(\"http://x\",\"y\")");
            WorkshopApi.Joined markup = w.join("<img src=x onerror=alert(1)>|pipe");
            w.post("/api/seats/" + formula.seat() + "/results", formula.token(), w.result(0, "submit", w.scenario(0).solutionPolicies()));
            w.post("/api/seats/" + markup.seat() + "/results", markup.token(), w.result(0, "check", w.scenario(0).brokenPolicies()));

            String csv = WorkshopExport.csv(w.workshop);
            assertThat(csv.lines()).hasSize(1 + 2 * 2);
            assertThat(csv).contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")
                    .contains("1,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",embedded,1,default-deny-scope,pass,5,5,5,5,5,0,1,true,false,0");
            assertThat(csv.lines().filter(l -> l.contains("leftover-allow-all")).toList()).allSatisfy(l -> assertThat(l).contains(",none,0,"));

            String md = WorkshopExport.markdown(w.workshop, "join");
            assertThat(md).contains("&lt;img src=x onerror=alert(1)&gt;\\|pipe").doesNotContain("<img");
            assertThat(md).contains("| ✓ 5 |").contains("| ✗ 0 |");

            String json = WorkshopExport.json(w.workshop);
            var tree = WorkshopApi.LENIENT.readTree(json);
            assertThat(tree.path("seats")).hasSize(2);
            assertThat(tree.path("results")).hasSize(2);
            assertThat(tree.path("seats").get(0).path("tasks").get(0).path("score").path("targetsMet").asInt()).isEqualTo(5);
        }
    }
}
