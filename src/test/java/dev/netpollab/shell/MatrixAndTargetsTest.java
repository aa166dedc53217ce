package dev.netpollab.shell;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.netpollab.shell.InProcessShell.section;
import static org.assertj.core.api.Assertions.assertThat;

/** The matrix, the task header and probe know every kind of destination: pods, Services and endpoints outside the cluster. */
class MatrixAndTargetsTest {
    @TempDir
    Path home;

    @Test
    @DisplayName("matrix: Service columns, and a legend for every mark it shows (d: the name does not resolve while DNS is blocked)")
    void matrixWithServices() throws Exception {
        String screen = InProcessShell.run(home, """
                start default-deny-egress-dns
                matrix
                quit
                """);
        String task = screen.substring(screen.indexOf("Default-deny egress broke name resolution"), screen.indexOf("> matrix"));
        assertThat(task).containsPattern("\n  Services: +svc:shop/catalog \\(80->http\\)\n")
                .containsPattern("\n  Pods: +shop/storefront, shop/catalog, .*ops/toolbox\n");
        String matrix = section(screen, "matrix");
        int column = matrix.lines().filter(l -> l.contains("svc:shop/catalog:80/TCP (Service)")).findFirst()
                .map(l -> Integer.parseInt(l.strip().split(" ")[0])).orElseThrow();
        String storefront = matrix.lines().filter(l -> l.startsWith("shop/storefront ")).findFirst().orElseThrow();
        String[] marks = storefront.substring("shop/storefront".length()).strip().split(" +");
        assertThat(marks[column - 1]).as("the storefront cannot resolve catalog.shop in the broken state").isEqualTo("d");
        assertThat(matrix).contains("Rows are sources, columns destinations: ✓ allowed   ✗ blocked   · the pod itself")
                .contains("d the Service name does not resolve (DNS blocked)")
                .doesNotContain("svc:default/kubernetes").doesNotContain("svc:kube-system/kube-dns");
    }

    @Test
    @DisplayName("externals: listed in the task header, columns of the matrix, and probe takes their IP (or a pod's) for ext:NAME")
    void externals() throws Exception {
        String screen = InProcessShell.run(home, """
                start metadata-except
                matrix
                probe crawler/fetcher 169.254.169.254:80
                probe crawler/fetcher 203.0.113.9:80
                quit
                """);
        assertThat(screen).contains("  Outside the cluster: ext:metadata 169.254.169.254 (port 80), ext:news-site 198.51.100.20 (ports 80, 443")
                .containsPattern("\n  Namespaces: +crawler\\b");
        String matrix = section(screen, "matrix");
        assertThat(matrix).contains("ext:metadata:80/TCP (169.254.169.254, outside the cluster)").contains("ext:news-site:443/TCP");
        assertThat(section(screen, "probe crawler/fetcher 169.254.169.254:80")).startsWith("crawler/fetcher -> ext:metadata:80/TCP: allowed");
        assertThat(section(screen, "probe crawler/fetcher 203.0.113.9:80")).startsWith("error: unknown destination 203.0.113.9")
                .contains("ext:metadata is 169.254.169.254");
    }

    @Test
    @DisplayName("the apiserver scenario's matrix shows the API server endpoint, which a pods-only grid left out")
    void apiserver() throws Exception {
        String ip = dev.netpollab.scenario.ScenarioLibrary.load(java.util.List.of()).require("apiserver-egress-dnat").world().externals().stream()
                .filter(e -> e.name().equals("apiserver")).findFirst().orElseThrow().ip();
        String screen = InProcessShell.run(home, """
                start apiserver-egress-dnat
                matrix
                probe ci/deployer %s:6443
                quit
                """.formatted(ip));
        assertThat(section(screen, "matrix")).contains("svc:default/kubernetes:443/TCP").contains("ext:apiserver:6443/TCP");
        assertThat(section(screen, "probe ci/deployer " + ip + ":6443")).startsWith("ci/deployer -> ext:apiserver:6443/TCP: blocked");
    }
}
