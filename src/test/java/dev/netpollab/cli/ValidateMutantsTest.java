package dev.netpollab.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code validate} on a deliberately weak scenario (src/test/resources/fixtures/weak-scenario.yaml): every wrong repair
 * its expectations let through is named with its path and what would catch it; following those proposals makes it sound.
 */
class ValidateMutantsTest {
    @TempDir
    Path dir;

    private static String weak() throws IOException {
        try (InputStream in = ValidateMutantsTest.class.getResourceAsStream("/fixtures/weak-scenario.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private CliRun validate(String text) throws IOException {
        Files.writeString(dir.resolve("weak.yaml"), text);
        return CliRun.of("validate", dir.toString(), "--no-color");
    }

    /** The expectations the survivors call for; each appears verbatim in validate's proposals. */
    private static final List<String> PROPOSED = List.of(
            "{from: other/intruder, to: shop/web, port: 80, allowed: true}",
            "{from: shop/batch, to: shop/web, port: 80, allowed: false}",
            "{from: shop/web, to: shop/api, port: 9999, allowed: false}",
            "{from: other/intruder, to: shop/batch, port: 9999, allowed: true}",
            "{from: shop/batch, to: ext:payments-api, port: 9999, allowed: false}",
            "{from: shop/batch, to: ext:decoy-203-0-113-11, port: 443, allowed: false}",
            "{from: shop/batch, to: other/intruder, port: 443, allowed: false}");

    @Test
    @DisplayName("each survivor is named with its mutation and path, and the probe, decoy port, decoy address or check that would kill it")
    void survivorsNamed() throws IOException {
        CliRun r = validate(weak());
        assertThat(r.exitCode()).isEqualTo(1);
        String out = r.out();
        assertThat(out).contains("✗ weak-api")
                .contains("    mutant survives: widen-pod-selector shop/api-from-web spec.podSelector — spec.podSelector widened to {} (every pod of the namespace)\n"
                        + "      kill it with: expect: - {from: other/intruder, to: shop/web, port: 80, allowed: true}\n")
                .contains("    mutant survives: drop-ports shop/api-from-web spec.ingress[0].ports — the rule's ports dropped (every port)\n"
                        + "      no probe can show it: it differs from the solution only on ports nothing serves (shop/web -> shop/api:9999/TCP). "
                        + "Add a decoy: give shop/api a port 9999/TCP (world.pods[].ports), then expect: - {from: shop/web, to: shop/api, port: 9999, allowed: false}\n")
                .contains("    mutant survives: widen-ip-block shop/batch-egress spec.egress[0].to[0].ipBlock.cidr — cidr 203.0.113.10/32 widened to 203.0.113.0/24\n"
                        + "      no endpoint of the world shows it: it differs from the solution only for address 203.0.113.11. Add a decoy: "
                        + "world.externals: - {name: decoy-203-0-113-11, ip: 203.0.113.11, ports: [443]}")
                .contains("    mutant survives: rename-policy shop/api-from-web metadata.name — the policy named api-from-web-v2\n"
                        + "      the task names shop/api-from-web and no probe can tell its name: add checks: - {exists: shop/api-from-web}\n")
                .contains("(or accept it: acceptMutants: - {mutant: \"drop-ports shop/api-from-web spec.ingress[0].ports\", reason: \"...\"})")
                .contains("    mutant survives: drop-peers shop/batch-egress spec.egress[0].to — the rule's to dropped (every destination on its ports)\n"
                        + "      no probe can show it: it differs from the solution only on ports nothing serves (shop/batch -> other/intruder:443/TCP). "
                        + "Add a decoy: give other/intruder a port 443/TCP (world.pods[].ports)")
                .contains("15 mutants: 7 killed, 8 survived, 0 accepted: 1 problem(s)");
        PROPOSED.forEach(p -> assertThat(out).contains("expect: - " + p));
        assertThat(out).as("the equivalent widening of the web peer (batch cannot reach the api anyway) is not a survivor")
                .doesNotContain("mutant survives: widen-peer-pod-selector");
    }

    @Test
    @DisplayName("following the proposals makes the scenario sound: every wrong mutant is then killed")
    void proposalsWork() throws IOException {
        String fixed = weak()
                .replace("ports: [{port: 8080}]}", "ports: [{port: 8080}, {port: 9999}]}")
                .replace("{name: batch, namespace: shop, labels: {app: batch}}", "{name: batch, namespace: shop, labels: {app: batch}, ports: [{port: 9999}]}")
                .replace("ports: [443]}", "ports: [443, 9999]}\n    - {name: decoy-203-0-113-11, ip: 203.0.113.11, ports: [443]}")
                .replace("{name: intruder, namespace: other, labels: {app: intruder}}", "{name: intruder, namespace: other, labels: {app: intruder}, ports: [{port: 443}]}")
                .replace("hints:", String.join("", PROPOSED.stream().map(p -> "  - " + p + "\n").toList())
                        + "checks:\n  - {exists: shop/api-from-web}\nhints:");
        CliRun r = validate(fixed);
        assertThat(r.out()).contains("✓ weak-api  easy, 10 expectations, 1 checks; 15/15 wrong mutants killed")
                .contains("15 mutants: 15 killed, 0 survived, 0 accepted: all sound");
        assertThat(r.exitCode()).isZero();
    }

    @Test
    @DisplayName("acceptMutants lets a named survivor pass with its reason; an accept that names a killed or unknown mutant is an error")
    void acceptMutants() throws IOException {
        String accept = """
                acceptMutants:
                  - {mutant: "rename-policy shop/api-from-web metadata.name", reason: "any name will do"}
                  - {mutant: "delete-policy shop/api-from-web", reason: "stale"}
                  - {mutant: "drop-port shop/api-from-web spec.ingress[0].ports", reason: "typo"}
                """;
        CliRun r = validate(weak() + accept);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).doesNotContain("mutant survives: rename-policy")
                .contains("acceptMutants accepts \"delete-policy shop/api-from-web\", which the expectations already catch; remove it")
                .contains("acceptMutants names \"drop-port shop/api-from-web spec.ingress[0].ports\", which is not a mutant of the solution"
                        + " (did you mean \"drop-ports shop/api-from-web spec.ingress[0].ports\"?)")
                .contains("15 mutants: 7 killed, 7 survived, 1 accepted");
    }

    @Test
    @DisplayName("--mutants lists every mutant of the solution with its fate")
    void listing() throws IOException {
        CliRun r = CliRun.of("validate", "--mutants", "--no-color", writeWeak().toString());
        assertThat(r.out()).contains("      equivalent  widen-peer-pod-selector shop/api-from-web spec.ingress[0].from[0].podSelector")
                .contains("      killed  flip-protocol shop/api-from-web spec.ingress[0].ports[0].protocol — TCP flipped to UDP")
                .contains("      survived  drop-ports shop/api-from-web spec.ingress[0].ports");
    }

    private Path writeWeak() throws IOException {
        Path f = dir.resolve("weak.yaml");
        Files.writeString(f, weak());
        return f;
    }
}
