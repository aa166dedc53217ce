package dev.netpollab.scenario;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * YAML read as kubectl reads it (sigs.k8s.io/yaml over go-yaml): aliases and merge keys resolved, duplicate keys
 * refused with go-yaml's words and our file:line:column, YAML 1.1 scalars, located text errors, bounded input.
 */
class KubectlYamlTest {
    private static final Path HOSTILE = Path.of("src/test/resources/hostile");

    private static JsonNodeView one(String yaml) throws InvalidInputException {
        List<LocatedYaml.Document> docs = LocatedYaml.parse("t.yaml", yaml, YamlScalars.Schema.KUBECTL);
        assertThat(docs).hasSize(1);
        return new JsonNodeView(docs.get(0));
    }

    /** A document and a short way to ask for values and locations. */
    private record JsonNodeView(LocatedYaml.Document doc) {
        String text(String pointer) {
            return doc.root().at(pointer).asString();
        }

        tools.jackson.databind.JsonNode at(String pointer) {
            return doc.root().at(pointer);
        }
    }

    @Test
    void anAliasIsTheAnchoredValueNotTheAnchorsName() throws Exception {
        JsonNodeView v = one("labels: {peer: &w web}\nselector: {app: *w}\n");
        assertThat(v.text("/selector/app")).isEqualTo("web");
    }

    @Test
    void anAliasToAMappingIsThatMapping() throws Exception {
        JsonNodeView v = one("a: &m {x: 1, z: two}\nb: *m\n");
        assertThat(v.at("/b/x").intValue()).isEqualTo(1);
        assertThat(v.text("/b/z")).isEqualTo("two");
    }

    @Test
    void mergeKeysFollowTheYamlMergeRules() throws Exception {
        JsonNodeView v = one("""
                base: &base {app: web, tier: front}
                extra: &extra {tier: back, zone: a}
                one: {<<: *base, app: other}
                many:
                  <<: [*base, *extra]
                  own: yes
                """);
        // The mapping's own keys win over merged ones...
        assertThat(v.text("/one/app")).isEqualTo("other");
        assertThat(v.text("/one/tier")).isEqualTo("front");
        // ...and among merged mappings, the earlier one wins.
        assertThat(v.text("/many/tier")).isEqualTo("front");
        assertThat(v.text("/many/zone")).isEqualTo("a");
        assertThat(v.at("/many/own").booleanValue()).isTrue();
        assertThat(v.at("/many").has("<<")).isFalse();
    }

    @Test
    void aMergeOfSomethingElseThanMappingsIsRefused() {
        assertThatThrownBy(() -> LocatedYaml.parse("t.yaml", "a: [1]\nb:\n  <<: [1, 2]\n", YamlScalars.Schema.KUBECTL))
                .hasMessageContaining("t.yaml:3:").hasMessageContaining("map merge requires map or sequence of maps");
    }

    @Test
    void aDuplicateKeyIsRefusedWithBothLinesAndAColumn() {
        assertThatThrownBy(() -> LocatedYaml.parse("dup.yaml", "spec:\n  ingress: [a]\n  ingress: []\n", YamlScalars.Schema.KUBECTL))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("dup.yaml:3:3: invalid YAML: mapping key \"ingress\" already defined at line 2");
    }

    @Test
    void keysThatKubectlTurnsIntoTheSameTextAreDuplicates() {
        // 0120 is 80 in YAML 1.1; "80" is text: both become the JSON key "80".
        assertThatThrownBy(() -> LocatedYaml.parse("t.yaml", "0120: a\n\"80\": b\n", YamlScalars.Schema.KUBECTL)).hasMessageContaining("mapping key \"80\" already defined at line 1");
    }

    @Test
    void plainScalarsFollowYaml11AsKubectlReadsThem() throws Exception {
        JsonNodeView v = one("""
                octal: 0120
                hex: 0x1F90
                underscores: 1_000
                wholeFloat: 80.0
                exponent: 1e3
                notOctal: 08
                half: 80.5
                yes: yes
                off: off
                tilde: ~
                quoted: "0120"
                date: 2015-01-01
                big: 12345678901234567890123
                """);
        assertThat(v.at("/octal").intValue()).isEqualTo(80);
        assertThat(v.at("/hex").intValue()).isEqualTo(8080);
        assertThat(v.at("/underscores").intValue()).isEqualTo(1000);
        // Go's JSON prints a whole float as an integer, which the API server takes for an int32.
        assertThat(v.at("/wholeFloat").isIntegralNumber()).isTrue();
        assertThat(v.at("/exponent").intValue()).isEqualTo(1000);
        assertThat(v.at("/notOctal").intValue()).isEqualTo(8);
        assertThat(v.at("/half").doubleValue()).isEqualTo(80.5);
        assertThat(v.at("/true").booleanValue()).as("the key yes is true too").isTrue();
        assertThat(v.at("/false").booleanValue()).isFalse();
        assertThat(v.at("/tilde").isNull()).isTrue();
        assertThat(v.text("/quoted")).isEqualTo("0120");
        assertThat(v.text("/date")).isEqualTo("2015-01-01");
        assertThat(v.at("/big").bigIntegerValue().toString()).isEqualTo("12345678901234567890123");
    }

    @Test
    void netpolLabsOwnFilesKeepTheYaml12CoreSchemaSoAPodNamedYStaysY() throws Exception {
        String scenario = ScenarioTexts.VALID.replace("{name: tester, namespace: dev, labels: {app: tester}}",
                "{name: y, namespace: dev, labels: {app: tester, ok: no}}");
        assertThat(scenario).contains("name: y,");
        List<LocatedYaml.Document> docs = LocatedYaml.parse("s.yaml", scenario);
        tools.jackson.databind.JsonNode pods = docs.get(0).root().at("/world/pods");
        assertThat(pods.get(2).get("name").asString()).isEqualTo("y");
        assertThat(LocatedYaml.parse("s.yaml", "a: 0120\nb: on\nc: true\n").get(0).root().toString()).isEqualTo("{\"a\":120,\"b\":\"on\",\"c\":true}");
        // The policies embedded in a scenario are manifests: kubectl's rules apply to them.
        assertThat(LocatedYaml.parse("m.yaml", "a: 0120\nb: on\n", YamlScalars.Schema.KUBECTL).get(0).root().toString())
                .isEqualTo("{\"a\":80,\"b\":true}");
    }

    @Test
    void aPolicyWithAnOctalPortSelectsPort80() throws Exception {
        NetworkPolicy np = (NetworkPolicy) KubeYaml.read("t.yaml", Files.readString(HOSTILE.resolve("octal-port.yaml"))).stream()
                .map(KubeYaml.KubeObject::object).filter(o -> o instanceof NetworkPolicy).findFirst().orElseThrow();
        assertThat(np.getSpec().getIngress().get(0).getPorts().get(0).getPort().getIntVal()).isEqualTo(80);
    }

    @Test
    void billionLaughsIsRefusedEarlyAndKeepsOrdinaryReuse() throws Exception {
        assertThatThrownBy(() -> LocatedYaml.parse("lol.yaml", Files.readString(HOSTILE.resolve("billion-laughs.yaml")), YamlScalars.Schema.KUBECTL))
                .hasMessageContaining("lol.yaml:").hasMessageContaining("excessive aliasing");
        StringBuilder reuse = new StringBuilder("base: &b {app: web, tier: front}\n");
        for (int i = 0; i < 500; i++) {
            reuse.append("k").append(i).append(": *b\n");
        }
        assertThat(LocatedYaml.parse("t.yaml", reuse.toString(), YamlScalars.Schema.KUBECTL)).hasSize(1);
    }

    @Test
    void anchorsThatDoNotExistOrContainThemselvesAreLocatedErrors() {
        assertThatThrownBy(() -> LocatedYaml.parse("t.yaml", "a: *nowhere\n", YamlScalars.Schema.KUBECTL)).hasMessage("t.yaml:1:4: invalid YAML: unknown anchor 'nowhere' referenced");
        assertThatThrownBy(() -> LocatedYaml.parse("t.yaml", "a: &a\n  b: *a\n", YamlScalars.Schema.KUBECTL)).hasMessageContaining("anchor 'a' value contains itself");
    }

    @Test
    void nestingHasALimitThatIsAMessage() throws IOException {
        assertThatThrownBy(() -> LocatedYaml.parse("deep.yaml", Files.readString(HOSTILE.resolve("deep-nesting.yaml")), YamlScalars.Schema.KUBECTL))
                .hasMessageContaining("deep.yaml:4:").hasMessageContaining("nested deeper than " + InputLimits.MAX_NESTING + " levels");
    }

    @Test
    void textThatIsNotUtf8IsNamedWithItsLineAndColumn() {
        KubeYaml.Result r = KubeYaml.readAll(HOSTILE.resolve("not-utf8.yaml"));
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.column()).isEqualTo(21);
            assertThat(p.message()).contains("not UTF-8").contains("0xE9").doesNotContain("Input length");
        });
    }

    @Test
    void utf16WithAByteOrderMarkIsReadAsKubectlReadsIt() {
        KubeYaml.Result r = KubeYaml.readAll(HOSTILE.resolve("utf16-bom.yaml"));
        assertThat(r.problems()).isEmpty();
        assertThat(r.objects()).singleElement().satisfies(o -> assertThat(o.object().getMetadata().getName()).isEqualTo("utf16"));
    }

    @Test
    void controlCharactersAndDevicesAreRefusedWhereTheyStand(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("nul.yaml");
        Files.write(f, "a: b\nc: \u0000\n".getBytes(StandardCharsets.UTF_8));
        assertThat(KubeYaml.readAll(f).problems()).singleElement()
                .satisfies(p -> assertThat(p.toString()).startsWith(f + ":2:4: special character U+0000 is not allowed"));
        Path zero = Path.of("/dev/zero");
        if (Files.exists(zero)) {
            assertThat(KubeYaml.readAll(zero).problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("U+0000"));
        }
    }

    @Test
    void dottedLabelKeysAreLocatedToo() throws Exception {
        JsonNodeView v = one("metadata:\n  labels:\n    app.kubernetes.io/name: web\n    app: x\n");
        assertThat(v.doc().locate("metadata.labels.app.kubernetes.io/name")).containsExactly(3, 5);
        assertThat(v.doc().locate("metadata.labels.app")).containsExactly(4, 5);
        assertThat(v.doc().locate("metadata.labels.nothing")).containsExactly(2, 3);
    }

    @Test
    void aLargeListIsHandedOverItemByItem() throws InvalidInputException {
        StringBuilder b = new StringBuilder("apiVersion: v1\nitems:\n");
        for (int i = 0; i < 500; i++) {
            b.append("- {apiVersion: v1, kind: Pod, metadata: {name: p").append(i).append(", namespace: a}}\n");
        }
        b.append("kind: List\n");
        List<Integer> items = new ArrayList<>();
        List<LocatedYaml.Document> docs = new ArrayList<>();
        LocatedYaml.read("list.yaml", new StringReader(b.toString()), true, new LocatedYaml.Sink() {
            @Override
            public void document(LocatedYaml.Document document) {
                docs.add(document);
            }

            @Override
            public void listItem(LocatedYaml.Document item, int index) {
                items.add(index);
                assertThat(item.line()).isEqualTo(index + 3);
            }
        });
        assertThat(items).hasSize(500);
        assertThat(docs).singleElement().satisfies(d -> assertThat(d.root().get("items").get(0).isNull()).isTrue());
        KubeYaml.Result r = KubeYaml.readAll("list.yaml", b.toString());
        assertThat(r.problems()).isEmpty();
        assertThat(r.objects()).hasSize(500).allSatisfy(o -> assertThat(o.object()).isInstanceOf(Pod.class));
        assertThat(r.objects().get(499).line()).isEqualTo(502);
    }

    @Test
    void aDocumentOverTheLimitIsSaidPlainlyWhileAListOfManySmallItemsIsNot() throws InvalidInputException {
        // The mechanism, with a limit of 2,000 characters instead of InputLimits.MAX_DOCUMENT_CHARS (scanning 8 Mi takes long).
        String huge = "a:\n" + "- some text\n".repeat(400);
        assertThatThrownBy(() -> LocatedYaml.read("huge.yaml", new StringReader(huge), false, d -> { }, 2_000, YamlScalars.Schema.KUBECTL))
                .hasMessageContaining("longer than 2000 characters, the limit for one document").hasMessageNotContaining("code points");
        StringBuilder list = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
        for (int i = 0; i < 400; i++) {
            list.append("- {apiVersion: v1, kind: Namespace, metadata: {name: n").append(i).append("}}\n");
        }
        int[] items = {0};
        LocatedYaml.read("list.yaml", new StringReader(list.toString()), true, new LocatedYaml.Sink() {
            @Override
            public void document(LocatedYaml.Document document) {
            }

            @Override
            public void listItem(LocatedYaml.Document item, int index) {
                items[0]++;
            }
        }, 2_000, YamlScalars.Schema.KUBECTL);
        assertThat(list.length()).isGreaterThan(20_000);
        assertThat(items[0]).as("each item counts on its own").isEqualTo(400);
    }

    @Test
    void listItemsThatAreNotAListAreAProblemNotACrash() {
        KubeYaml.Result r = KubeYaml.readAll(HOSTILE.resolve("list-items-mapping.yaml"));
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.toString()).contains("items: Invalid value: must be a list of objects"));
    }

    @Test
    void anUnquotedBooleanLabelIsRefusedNotQuietlyTurnedIntoTheTextTrue() {
        KubeYaml.Result r = KubeYaml.readAll(HOSTILE.resolve("unquoted-boolean-label.yaml"));
        assertThat(r.objects()).isEmpty();
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.message()).startsWith("spec.podSelector.matchLabels.app: Invalid value: true: must be text; quote it");
        });
    }

    @Test
    void numbersAPortCannotHoldAreLocatedInvalidValues() throws IOException {
        for (String f : List.of("float-port.yaml", "huge-port.yaml")) {
            KubeYaml.Result r = KubeYaml.readAll(HOSTILE.resolve(f));
            assertThat(r.problems()).as(f).singleElement().satisfies(p -> {
                assertThat(p.line()).isEqualTo(6);
                assertThat(p.message()).startsWith("spec.ingress[0].ports[0].port: Invalid value: ").contains("whole number");
            });
        }
    }
}
