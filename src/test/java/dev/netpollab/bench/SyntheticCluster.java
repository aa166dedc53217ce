package dev.netpollab.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes a synthetic cluster for {@code make bench}: N pods in M namespaces and P NetworkPolicies with
 * mixed selectors (pod, namespace, both, matchExpressions), numeric and named ports, endPort ranges and
 * ipBlocks with except. Deterministic for a given seed.
 */
public final class SyntheticCluster {
    private static final String[] APPS = {"web", "api", "db", "cache", "queue", "worker", "auth", "search"};
    private static final String[] TEAMS = {"red", "blue", "green", "gold", "grey"};

    private SyntheticCluster() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/bench/cluster");
        int pods = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int namespaces = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        int policies = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        write(dir, pods, namespaces, policies, 42);
    }

    public static void write(Path dir, int pods, int namespaces, int policies, long seed) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(seed);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("world.yaml")))) {
            for (int n = 0; n < namespaces; n++) {
                w.printf("---%napiVersion: v1%nkind: Namespace%nmetadata: {name: ns-%d, labels: {team: %s, tier: t%d}}%n",
                        n, TEAMS[n % TEAMS.length], n % 3);
            }
            for (int p = 0; p < pods; p++) {
                int n = p % namespaces;
                String app = APPS[r.nextInt(APPS.length)];
                w.printf("---%napiVersion: v1%nkind: Pod%nmetadata: {name: pod-%d, namespace: ns-%d, labels: {app: %s, version: v%d}}%n",
                        p, n, app, r.nextInt(3));
                w.printf("spec:%n  containers:%n  - name: main%n    image: registry.k8s.io/e2e-test-images/agnhost:2.53%n    ports:%n");
                w.printf("    - {containerPort: %d, name: http}%n", 8000 + r.nextInt(4));
                if (r.nextBoolean()) {
                    w.printf("    - {containerPort: 9090, name: metrics}%n");
                }
                w.printf("status: {podIP: 10.42.%d.%d}%n", p / 250, p % 250 + 2);
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("policies.yaml")))) {
            for (int i = 0; i < policies; i++) {
                int n = i % namespaces;
                w.printf("---%napiVersion: networking.k8s.io/v1%nkind: NetworkPolicy%nmetadata: {name: np-%d, namespace: ns-%d}%nspec:%n", i, n);
                w.printf(i % 7 == 0 ? "  podSelector: {}%n" : "  podSelector: {matchLabels: {app: %s}}%n", APPS[r.nextInt(APPS.length)]);
                boolean egress = i % 4 == 0;
                w.printf("  policyTypes: [%s]%n", egress ? "Ingress, Egress" : "Ingress");
                w.printf("  ingress:%n");
                for (int rule = 0; rule < 1 + r.nextInt(3); rule++) {
                    w.printf("  - from:%n");
                    switch (r.nextInt(5)) {
                        case 0 -> w.printf("    - podSelector: {matchLabels: {app: %s}}%n", APPS[r.nextInt(APPS.length)]);
                        case 1 -> w.printf("    - namespaceSelector: {matchLabels: {team: %s}}%n", TEAMS[r.nextInt(TEAMS.length)]);
                        case 2 -> w.printf("    - namespaceSelector: {matchLabels: {tier: t%d}}%n      podSelector: {matchLabels: {app: %s}}%n",
                                r.nextInt(3), APPS[r.nextInt(APPS.length)]);
                        case 3 -> w.printf("    - podSelector: {matchExpressions: [{key: version, operator: In, values: [v0, v1]}]}%n"
                                + "    - namespaceSelector: {matchExpressions: [{key: team, operator: NotIn, values: [%s]}]}%n", TEAMS[r.nextInt(TEAMS.length)]);
                        default -> {
                            int octet = r.nextInt(4);
                            w.printf("    - ipBlock: {cidr: 10.42.%d.0/24, except: [10.42.%d.128/25]}%n", octet, octet);
                        }
                    }
                    w.printf("    ports:%n");
                    switch (r.nextInt(4)) {
                        case 0 -> w.printf("    - {port: http}%n");
                        case 1 -> w.printf("    - {port: %d}%n", 8000 + r.nextInt(4));
                        case 2 -> w.printf("    - {port: 8000, endPort: 8002}%n");
                        default -> w.printf("    - {port: metrics}%n    - {port: 8003, protocol: TCP}%n");
                    }
                }
                if (egress) {
                    w.printf("  egress:%n  - to: [{namespaceSelector: {matchLabels: {team: %s}}}]%n", TEAMS[r.nextInt(TEAMS.length)]);
                    w.printf("  - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}]%n    ports: [{port: 443}]%n");
                }
            }
        }
    }
}
