package dev.netpollab.probe;

import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.lab.OfflineCluster;
import dev.netpollab.lab.PodExec;
import dev.netpollab.policy.Protocol;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.scenario.ScenarioTexts;
import dev.netpollab.scenario.Target;
import dev.netpollab.scenario.WorldExternal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated probe script run by a real {@code /bin/sh}, with stand-ins for curl and dig that record the
 * arguments they get: text a learner types (a {@code svc:} name in {@code probe}) or a scenario declares
 * reaches the tools as one literal word and is never executed.
 */
class ProbeScriptShellTest {
    @Test
    @DisplayName("hostile Service names and addresses reach curl and dig literally; nothing in them runs")
    void hostileNamesAreNotExecuted(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("args.log");
        Path pwned = dir.resolve("pwned");
        for (String tool : List.of("curl", "dig")) {
            Path f = bin.resolve(tool);
            Files.writeString(f, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"" + tool + ":$a\" >> '" + log + "'; done\n"
                    + (tool.equals("dig") ? "echo ';; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 1 ;; flags: qr; QUERY: 1, ANSWER: 1'\n"
                    : "printf ' curl-w:200:0.000100 '\n"));
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        List<String> hostile = List.of("x;touch " + pwned + "1", "$(touch " + pwned + "2)", "`touch " + pwned + "3`", "a'b;touch " + pwned + "4 #",
                "q\"$(touch " + pwned + "5)\"", "n\ntouch " + pwned + "6");
        Path scenarioDir = Files.createDirectories(dir.resolve("s"));
        Files.writeString(scenarioDir.resolve("s.yaml"), ScenarioTexts.VALID);
        Scenario s = ScenarioLibrary.loadPaths(List.of(scenarioDir)).scenarios().get(0);
        ClusterSnapshot base = OfflineCluster.snapshot(s, s.brokenPolicies());
        ClusterSnapshot snap = new ClusterSnapshot(base.namespaces(), base.pods(), base.services(), base.policies(),
                List.of(new WorldExternal("evil", "1.2.3.4';touch " + pwned + "7;'", List.of(80))));
        List<Probe> probes = new ArrayList<>();
        for (String name : hostile) {
            probes.add(new Probe("shop/frontend", new Target.Service("shop", name), 80, Protocol.TCP));
        }
        probes.add(new Probe("shop/frontend", new Target.External("evil"), 80, Protocol.TCP));
        PodExec localShell = (ns, pod, timeout, cmd) -> run(bin, cmd);

        List<Observation> obs = new CurlProber(localShell, false).probe(snap, probes);

        for (int i = 1; i <= 7; i++) {
            assertThat(Path.of(pwned + String.valueOf(i))).as("injected command " + i + " must not run").doesNotExist();
        }
        String args = Files.readString(log);
        for (String name : hostile) {
            assertThat(args).as("dig got the name as one word").contains("dig:" + name + ".shop.svc.cluster.local");
        }
        assertThat(args).contains("curl:http://1.2.3.4';touch " + pwned + "7;':80/");
        assertThat(obs).hasSize(hostile.size() + 1).allSatisfy(o -> assertThat(o.outcome()).as(o.detail()).isNotEqualTo(Outcome.BLOCKED));
    }

    private static PodExec.Result run(Path bin, String... cmd) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            Process p = pb.start();
            p.getOutputStream().close();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new PodExec.Result(-1, "", "", "timeout");
            }
            return new PodExec.Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                    new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8), "");
        } catch (Exception e) {
            return new PodExec.Result(-1, "", "", e.toString());
        }
    }

    @Test
    @DisplayName("the shell quoting is the POSIX single-quote form")
    void quoting() {
        assertThat(dev.netpollab.lab.ShellQuote.quote("x;rm -rf /")).isEqualTo("'x;rm -rf /'");
        assertThat(dev.netpollab.lab.ShellQuote.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(dev.netpollab.lab.ShellQuote.quote("$(id)")).isEqualTo("'$(id)'");
        assertThat(ProbeScript.lookup("$(id)")).endsWith(" '$(id)'");
    }
}
