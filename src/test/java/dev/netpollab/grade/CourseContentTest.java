package dev.netpollab.grade;

import dev.netpollab.lab.OfflineCluster;
import dev.netpollab.lab.StandardCluster;
import dev.netpollab.policy.ExternalInfo;
import dev.netpollab.probe.ModelProber;
import dev.netpollab.probe.Outcome;
import dev.netpollab.scenario.Difficulty;
import dev.netpollab.scenario.ExamSet;
import dev.netpollab.scenario.Expectation;
import dev.netpollab.scenario.Scenario;
import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.scenario.Target;
import dev.netpollab.scenario.WorldPod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The course's facts, pinned: each correction of the content review is a test that fails if the wrong claim or the wrong
 * grading comes back, and the rules the whole library follows (CKS wording, the difficulty rubric, honest exam sets).
 */
class CourseContentTest {
    private static final ScenarioLibrary LIB = ScenarioLibrary.load(List.of());

    private static Scenario scenario(String id) {
        return LIB.require(id);
    }

    private static String prose(Scenario s) {
        return String.join("\n", s.task(), String.join("\n", s.hints()), s.explanation(), s.cniNotes() == null ? "" : s.cniNotes());
    }

    private static Grade grade(Scenario s, List<NetworkPolicy> policies) {
        return new Grader().grade(s, OfflineCluster.snapshot(s, policies), new ModelProber());
    }

    private static NetworkPolicy policy(String yaml) {
        return Serialization.unmarshal(yaml, NetworkPolicy.class);
    }

    @Test
    @DisplayName("apiserver-egress-dnat: the deployer is graded through default/kubernetes, DNAT'd by its EndpointSlice to 198.51.100.100:6443")
    void apiServerThroughTheService() {
        Scenario s = scenario("apiserver-egress-dnat");
        Expectation viaService = s.expect().stream().filter(e -> e.to() instanceof Target.Service t && t.id().equals("default/kubernetes"))
                .filter(Expectation::allowed).findFirst().orElseThrow();
        assertThat(viaService.port()).isEqualTo(443);
        assertThat(s.world().external("apiserver").orElseThrow().ip()).isEqualTo("198.51.100.100").isEqualTo(StandardCluster.DEFAULT_API_SERVER_IP);

        CellResult cell = grade(s, s.solutionPolicies()).cells().stream().filter(c -> c.probe().to().equals(viaService.to())
                && c.probe().from().equals(viaService.from())).findFirst().orElseThrow();
        assertThat(cell.pass()).isTrue();
        assertThat(cell.observation().detail()).contains("via Service port 443 -> 198.51.100.100:6443");
        assertThat(cell.observation().verdict().connection().dst()).isEqualTo(new ExternalInfo("apiserver", "198.51.100.100"));
        assertThat(cell.observation().verdict().connection().port()).isEqualTo(6443);

        // The classic wrong repair: the endpoint's address, but the Service's port.
        List<NetworkPolicy> port443 = new ArrayList<>(s.solutionPolicies().stream().filter(p -> !p.getMetadata().getName().equals("deployer-to-apiserver")).toList());
        port443.add(policy("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deployer-to-apiserver, namespace: ci}
                spec:
                  podSelector: {matchLabels: {app: deployer}}
                  policyTypes: [Egress]
                  egress: [{to: [{ipBlock: {cidr: 198.51.100.100/32}}], ports: [{port: 443}]}]
                """));
        Grade wrong = grade(s, port443);
        assertThat(wrong.passed()).isFalse();
        assertThat(wrong.failedCells()).anySatisfy(c -> {
            assertThat(c.probe().to()).isEqualTo(viaService.to());
            assertThat(c.observation().outcome()).isEqualTo(Outcome.BLOCKED);
        });
    }

    @Test
    @DisplayName("apiserver-egress-dnat: the task names the policy that holds the 443 rule, and the hints point at the EndpointSlice, not at deprecated Endpoints alone")
    void apiServerWording() {
        Scenario s = scenario("apiserver-egress-dnat");
        List<String> with443 = s.brokenPolicies().stream().filter(p -> p.getSpec().getEgress().stream()
                .anyMatch(r -> r.getPorts() != null && r.getPorts().stream().anyMatch(pt -> pt.getPort().getIntVal() == 443)))
                .map(p -> p.getMetadata().getName()).toList();
        assertThat(with443).containsExactly("deployer-to-apiserver");
        assertThat(s.task()).contains("`deployer-to-apiserver`").doesNotContain("`ci-egress` allows");
        String hints = String.join("\n", s.hints());
        assertThat(hints).contains("endpointslices");
        assertThat(hints.lines().filter(h -> h.contains("get endpoints "))).allSatisfy(h -> assertThat(h).contains("deprecated"));
        assertThat(s.cniNotes()).contains("k3s").contains("EndpointSlice");
    }

    @Test
    @DisplayName("relabelled-pod: the task asks for the healthy pods only, and the quarantined pod stays isolated both ways")
    void relabelledPod() {
        Scenario s = scenario("relabelled-pod");
        assertThat(s.task()).doesNotContain("every pod of").contains("healthy pods");
        Target c = new Target.Pod("x", "c");
        for (Expectation e : s.expect()) {
            if (e.from().equals("x/c") || e.to().equals(c)) {
                assertThat(e.allowed()).as("the quarantined pod c stays isolated: " + e.from() + " -> " + e.to()).isFalse();
            } else if (e.allowed() && e.to().equals(new Target.Pod("x", "a"))) {
                WorldPod from = s.world().pod(e.from()).orElseThrow();
                assertThat(from.labels()).as(e.from() + " is a healthy pod").containsEntry("status", "healthy");
            }
        }
        assertThat(s.expect()).anySatisfy(e -> assertThat(e.from()).isEqualTo("x/c")).anySatisfy(e -> assertThat(e.to()).isEqualTo(c));
    }

    @Test
    @DisplayName("deny-vs-existing-session: existing connections are implementation-defined; no unsupported CNI claim, no untestable topic")
    void existingConnections() {
        Scenario s = scenario("deny-vs-existing-session");
        assertThat(s.meta().topics()).doesNotContain("connection-tracking");
        assertThat(prose(s)).doesNotContain("only promises to govern new connections").doesNotContainIgnoringCase("kube-router");
        assertThat(s.explanation()).contains("implementation-defined").contains("NetworkPolicy's").contains("existing connections");
    }

    @TestFactory
    @DisplayName("a task that says \"Create a NetworkPolicy named X in namespace Y\" never finds Y/X already there (kubectl create: AlreadyExists)")
    Stream<DynamicTest> createMeansNew() {
        Pattern create = Pattern.compile("[Cc]reate (?:a |the |one )?NetworkPolicy (?:named )?`([^`]+)`");
        Pattern namespace = Pattern.compile("namespace `([^`]+)`");
        return LIB.scenarios().stream().map(s -> DynamicTest.dynamicTest(s.id(), () -> {
            for (String sentence : s.task().replace("\n", " ").split("(?<=[.:;])\\s")) {
                Matcher m = create.matcher(sentence);
                while (m.find()) {
                    // The namespace the sentence gives right after the name ("named X in namespace Y"), else the one before it.
                    Matcher after = namespace.matcher(sentence);
                    String ns = after.find(m.end()) ? after.group(1)
                            : namespace.matcher(sentence.substring(0, m.start())).results().map(r -> r.group(1)).reduce((a, b) -> b).orElse(null);
                    String name = m.group(1);
                    assertThat(s.brokenPolicies()).as("\"%s\" (namespace %s)", sentence.strip(), ns)
                            .noneMatch(p -> p.getMetadata().getName().equals(name) && (ns == null || ns.equals(p.getMetadata().getNamespace())));
                }
            }
        }));
    }

    @Test
    @DisplayName("stage-db-connect-and repairs the existing db-from-stage instead of asking to create it")
    void stageDbConnectIsARepair() {
        Scenario s = scenario("stage-db-connect-and");
        assertThat(s.brokenPolicies()).anyMatch(p -> p.getMetadata().getName().equals("db-from-stage"));
        assertThat(s.task()).doesNotContainIgnoringCase("create").contains("Fix `db-from-stage`");
    }

    @TestFactory
    @DisplayName("every DNS scenario explains why a kube-dns podSelector matches queries to the Service IP, and what NodeLocal DNSCache changes")
    Stream<DynamicTest> dnsScenariosExplainTheServiceAndNodeLocalDns() {
        List<Scenario> dns = LIB.scenarios().stream().filter(s -> s.meta().topics().contains("dns")).toList();
        assertThat(dns).hasSizeGreaterThanOrEqualTo(4);
        return dns.stream().map(s -> DynamicTest.dynamicTest(s.id(), () -> {
            String text = s.explanation() + "\n" + (s.cniNotes() == null ? "" : s.cniNotes());
            assertThat(text).contains("NodeLocal DNSCache").contains("169.254.20.10").contains("kube-proxy");
        }));
    }

    @Test
    @DisplayName("egress-rules-without-policytypes: a checker may compare policyTypes, and this one does")
    void policyTypesChecker() {
        Scenario s = scenario("egress-rules-without-policytypes");
        assertThat(s.explanation()).contains("checker").contains("policyTypes");
        assertThat(s.checks()).anySatisfy(c -> assertThat(c).isInstanceOfSatisfying(dev.netpollab.scenario.PolicyCheck.Field.class,
                f -> assertThat(f.path().toString()).isEqualTo("spec.policyTypes")));
    }

    @Test
    @DisplayName("the review's honest levels: 03 07 11 12 23 24 26 30 medium, 04 05 easy, and of the first thirty only 27 is hard")
    void reviewedLevels() {
        Map<String, Difficulty> expected = Map.ofEntries(
                Map.entry("default-deny-egress-dns", Difficulty.MEDIUM), Map.entry("or-that-should-be-and", Difficulty.MEDIUM),
                Map.entry("stage-db-connect-and", Difficulty.MEDIUM), Map.entry("any-namespace-with-label", Difficulty.MEDIUM),
                Map.entry("metadata-accessor", Difficulty.MEDIUM), Map.entry("ipblock-pinned-pod-ip", Difficulty.MEDIUM),
                Map.entry("endport-named-port", Difficulty.MEDIUM), Map.entry("deny-vs-existing-session", Difficulty.MEDIUM),
                Map.entry("dns-udp-only", Difficulty.EASY), Map.entry("dns-port-without-protocol", Difficulty.EASY),
                Map.entry("apiserver-egress-dnat", Difficulty.HARD));
        expected.forEach((id, level) -> assertThat(scenario(id).meta().difficulty()).as(id).isEqualTo(level));
        assertThat(LIB.scenarios().stream().filter(s -> fileNumber(s) <= 30 && s.meta().difficulty() == Difficulty.HARD).map(Scenario::id))
                .containsExactly("apiserver-egress-dnat");
    }

    @TestFactory
    @DisplayName("every scenario states its rubric sum above `difficulty`, the sum adds up, and it gives the level (0-1 easy, 2-3 medium, 4+ hard)")
    Stream<DynamicTest> rubric() {
        Pattern comment = Pattern.compile("# rubric:((?:[^\\n]*\\n\\s*#)*[^\\n]*?)= (\\d+)\\s*\\n\\s*difficulty: (\\w+)");
        Pattern score = Pattern.compile("\\b(policies|traps|look-up|build) (\\d)\\b");
        return LIB.scenarios().stream().map(s -> DynamicTest.dynamicTest(s.id(), () -> {
            Matcher m = comment.matcher(s.text());
            assertThat(m.find()).as("a `# rubric: ... = N` comment right above difficulty").isTrue();
            String parts = m.group(1).replaceAll("\\([^)]*\\)", "");
            int sum = score.matcher(parts).results().mapToInt(r -> Integer.parseInt(r.group(2))).sum();
            int stated = Integer.parseInt(m.group(2));
            assertThat(sum).as("the rubric's scores add up to its stated sum").isEqualTo(stated);
            Difficulty level = stated <= 1 ? Difficulty.EASY : stated <= 3 ? Difficulty.MEDIUM : Difficulty.HARD;
            assertThat(s.meta().difficulty()).isEqualTo(level);
            assertThat(m.group(3)).isEqualTo(level.label());
        }));
    }

    @Test
    @DisplayName("the library asks what the exam asks: at least 14 tasks worded \"Create a NetworkPolicy named X in namespace Y\" beyond the first thirty")
    void ckksWording() {
        List<Scenario> created = LIB.scenarios().stream().filter(s -> fileNumber(s) > 30).filter(CourseContentTest::createsNamedPolicies).toList();
        assertThat(created).hasSizeGreaterThanOrEqualTo(14);
        assertThat(created).allSatisfy(s -> assertThat(s.variants().isEmpty()).as(s.id() + " has variants").isFalse())
                .allSatisfy(s -> assertThat(s.expect()).as(s.id()).anyMatch(Expectation::allowed).anyMatch(e -> !e.allowed()));
    }

    @TestFactory
    @DisplayName("every exam set is honest: each weight is its task's suggested minutes, and the time covers their sum plus a quarter")
    Stream<DynamicTest> honestExamSets() {
        assertThat(LIB.exams()).extracting(ExamSet::name).contains("mock-1", "mock-2", "mock-3");
        return LIB.exams().stream().map(e -> DynamicTest.dynamicTest(e.name(), () -> {
            int sum = 0;
            for (ExamSet.Task t : e.tasks()) {
                int minutes = scenario(t.scenario()).meta().minutes();
                assertThat(t.weight()).as(t.scenario()).isEqualTo(minutes);
                sum += minutes;
            }
            assertThat(e.minutes()).isGreaterThanOrEqualTo((int) Math.ceil(sum * 1.25 / 5) * 5);
        }));
    }

    @Test
    @DisplayName("mock-3: 8 tasks, most of them written from scratch, every level, no scenario twice")
    void mock3() {
        ExamSet set = LIB.exam("mock-3").orElseThrow();
        assertThat(set.tasks()).hasSize(8).extracting(ExamSet.Task::scenario).doesNotHaveDuplicates();
        List<Scenario> tasks = set.tasks().stream().map(t -> scenario(t.scenario())).toList();
        assertThat(tasks.stream().filter(s -> fileNumber(s) > 30 && createsNamedPolicies(s))).hasSizeGreaterThanOrEqualTo(5);
        assertThat(tasks).extracting(s -> s.meta().difficulty()).contains(Difficulty.EASY, Difficulty.MEDIUM, Difficulty.HARD);
    }

    /** The CKS wording: "Create a NetworkPolicy named X", "Create three NetworkPolicies ..., named X, Y and Z". */
    private static boolean createsNamedPolicies(Scenario s) {
        return Pattern.compile("Create (?:a|one|two|three) NetworkPolic(?:y|ies)\\b[^.]*?\\bnamed `").matcher(s.task().replace("\n", " ")).find();
    }

    private static int fileNumber(Scenario s) {
        Matcher m = Pattern.compile("(\\d+)-[^/]*$").matcher(s.source());
        return m.find() ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }
}
