package dev.netpollab.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes large inputs for {@code make bench}: a multi-document file of pods of about the given size (real pods
 * carry annotations, env and resources, but no containerPort here, so the analysis stays linear and the
 * measurement is the reading), and a single {@code kind: List} of about 3.3 MB, which the old reader refused.
 */
public final class LargeInput {
    private LargeInput() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        long megabytes = Long.parseLong(args[1]);
        Files.createDirectories(dir);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("pods.yaml")))) {
            long written = 0;
            for (int i = 0; written < megabytes << 20; i++) {
                String pod = pod(i, "---\n", "");
                w.print(pod);
                written += pod.length();
            }
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(dir.resolve("list.yaml")))) {
            w.print("apiVersion: v1\nitems:\n");
            long written = 0;
            for (int i = 0; written < 3_300_000; i++) {
                String pod = pod(i, "- ", "  ");
                w.print(pod);
                written += pod.length();
            }
            w.print("kind: List\nmetadata: {resourceVersion: \"\"}\n");
        }
    }

    private static String pod(int i, String first, String indent) {
        String body = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: pod-%d
                  namespace: ns-%d
                  labels: {app: a%d, tier: t%d}
                  annotations: {note: "%s"}
                spec:
                  containers:
                  - name: main
                    image: registry.k8s.io/e2e-test-images/agnhost:2.53
                    args: [netexec, --http-port=8080]
                    env: [{name: A, value: "1"}, {name: B, value: "2"}]
                    resources: {requests: {cpu: 10m, memory: 16Mi}}
                """.formatted(i, i % 20, i % 7, i % 3, "x".repeat(200));
        StringBuilder b = new StringBuilder();
        String[] lines = body.split("\n");
        for (int l = 0; l < lines.length; l++) {
            b.append(l == 0 ? first : indent).append(lines[l]).append('\n');
        }
        return b.toString();
    }
}
