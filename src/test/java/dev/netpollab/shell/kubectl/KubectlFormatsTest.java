package dev.netpollab.shell.kubectl;

import dev.netpollab.shell.ShellError;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * kubectl's printers and parsers, each against what the real kubectl does: cli-runtime's JSON printer is Go's
 * json.MarshalIndent with four spaces over an unstructured (sorted) map; its YAML printer is sigs.k8s.io/yaml;
 * jsonpath is client-go's util/jsonpath; selectors are apimachinery's labels.Parse.
 */
class KubectlFormatsTest {
    private static JsonNode pod() {
        return GoJson.tree(new PodBuilder().withNewMetadata().withName("web").withNamespace("shop").withCreationTimestamp("2026-11-30T10:00:00Z")
                .withLabels(Map.of("app", "web", "tier", "front")).withAnnotations(Map.of("note", "<a&b>")).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("agnhost").addNewPort().withContainerPort(80).withName("http").endPort()
                .endContainer().endSpec().withNewStatus().withPodIP("10.42.0.7").endStatus().build());
    }

    @Test
    @DisplayName("-o json: four spaces, sorted keys, \"key\": value, {} for empty, Go's escaping of < > &, a final newline")
    void json() {
        String out = GoJson.indent(pod());
        assertThat(out).startsWith("{\n    \"apiVersion\": \"v1\",\n    \"kind\": \"Pod\",\n    \"metadata\": {\n        \"annotations\": {\n"
                + "            \"note\": \"\\u003ca\\u0026b\\u003e\"\n        },\n        \"creationTimestamp\": \"2026-11-30T10:00:00Z\",\n"
                + "        \"labels\": {\n            \"app\": \"web\",\n            \"tier\": \"front\"\n        },\n");
        assertThat(out).endsWith("\n}\n").doesNotContain("\" : ");
        assertThat(GoJson.indent(GoJson.sorted(tools.jackson.databind.node.JsonNodeFactory.instance.objectNode().putObject("x"))))
                .isEqualTo("{}\n");
        assertThat(GoJson.compact(pod().get("metadata").get("labels"))).isEqualTo("{\"app\":\"web\",\"tier\":\"front\"}");
    }

    @Test
    @DisplayName("-o yaml: sorted keys, lists at their key's indent, timestamps and YAML 1.1 look-alikes double-quoted")
    void yaml() {
        String out = GoYaml.of(pod());
        assertThat(out).startsWith("apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    note: <a&b>\n  creationTimestamp: \"2026-11-30T10:00:00Z\"\n")
                .contains("spec:\n  containers:\n  - image: agnhost\n    name: c\n    ports:\n    - containerPort: 80\n      name: http\n");
        var np = new NetworkPolicyBuilder().withNewMetadata().withName("x").withLabels(Map.of("enabled", "yes", "port", "8080", "v", "null", "n", "off"))
                .endMetadata().build();
        assertThat(GoYaml.of(np)).contains("enabled: \"yes\"").contains("port: \"8080\"").contains("v: \"null\"").contains("\"n\": \"off\"");
    }

    @Test
    @DisplayName("jsonpath: fields, [*], [i], [-1], [a:b], ['key'], .., filters, range/end, literals, missing keys print nothing")
    void jsonpath() {
        JsonNode list = Output.list(List.of(
                new PodBuilder().withNewMetadata().withName("a").withLabels(Map.of("app", "web")).endMetadata().withNewStatus().withPodIP("10.0.0.1").endStatus().build(),
                new PodBuilder().withNewMetadata().withName("b").withLabels(Map.of("app", "db")).endMetadata().withNewStatus().withPodIP("10.0.0.2").endStatus().build(),
                new PodBuilder().withNewMetadata().withName("c").withLabels(Map.of("app", "db")).endMetadata().build()));
        assertThat(JsonPath.parse("{.items[*].metadata.name}").execute(list)).isEqualTo("a b c");
        assertThat(JsonPath.parse("{.items[0].metadata.name}").execute(list)).isEqualTo("a");
        assertThat(JsonPath.parse("{.items[-1].metadata.name}").execute(list)).isEqualTo("c");
        assertThat(JsonPath.parse("{.items[0:2].metadata.name}").execute(list)).isEqualTo("a b");
        assertThat(JsonPath.parse("{.items[*].metadata.labels['app']}").execute(list)).isEqualTo("web db db");
        assertThat(JsonPath.parse("{.items[?(@.metadata.labels.app==\"db\")].metadata.name}").execute(list)).isEqualTo("b c");
        assertThat(JsonPath.parse("{.items[?(@.status.podIP)].metadata.name}").execute(list)).isEqualTo("a b");
        assertThat(JsonPath.parse("{range .items[*]}{.metadata.name}={.status.podIP}{\"\\n\"}{end}").execute(list))
                .isEqualTo("a=10.0.0.1\nb=10.0.0.2\nc=\n");
        assertThat(JsonPath.parse("{..podIP}").execute(list)).isEqualTo("10.0.0.1 10.0.0.2");
        assertThat(JsonPath.parse("{.items[0].metadata.labels}").execute(list)).isEqualTo("{\"app\":\"web\"}");
        assertThat(JsonPath.parse("{.items[0].spec.nothing}").execute(list)).isEmpty();
        assertThat(JsonPath.parse("names: {.kind}").execute(list)).isEqualTo("names: List");
        assertThatThrownBy(() -> JsonPath.parse("{.items[*}")).isInstanceOf(ShellError.class).hasMessageStartingWith("error: error parsing jsonpath {.items[*}");
        assertThatThrownBy(() -> JsonPath.parse("{range .items[*]}{.x}")).hasMessageContaining("unclosed action");
    }

    @Test
    @DisplayName("custom-columns: relaxed paths, <none> when missing, Go's map[...] and [...] for objects and lists")
    void customColumns() {
        JsonNode p = pod();
        assertThat(JsonPath.relaxed("metadata.name").values(p)).extracting(JsonNode::asString).containsExactly("web");
        assertThat(JsonPath.relaxed("{.metadata.namespace}").values(p)).extracting(JsonNode::asString).containsExactly("shop");
        assertThat(Output.goValue(p.get("metadata").get("labels"))).isEqualTo("map[app:web tier:front]");
        assertThat(Output.goValue(p.at("/spec/containers/0/ports"))).isEqualTo("[map[containerPort:80 name:http]]");
    }

    @Test
    @DisplayName("selectors: =, ==, != (true without the key), in, notin, key, !key; nonsense is refused")
    void selectors() {
        Map<String, String> web = Map.of("app", "web", "tier", "front");
        Map<String, String> bare = Map.of("tier", "back");
        assertThat(Labels.matches(Labels.parseSelector("app=web"), web)).isTrue();
        assertThat(Labels.matches(Labels.parseSelector("app==web,tier=front"), web)).isTrue();
        assertThat(Labels.matches(Labels.parseSelector("app!=web"), web)).isFalse();
        assertThat(Labels.matches(Labels.parseSelector("app!=web"), bare)).isTrue();
        assertThat(Labels.matches(Labels.parseSelector("app in (db, web)"), web)).isTrue();
        assertThat(Labels.matches(Labels.parseSelector("app notin (db,web)"), bare)).isTrue();
        assertThat(Labels.matches(Labels.parseSelector("app"), bare)).isFalse();
        assertThat(Labels.matches(Labels.parseSelector("!app,tier"), bare)).isTrue();
        assertThatThrownBy(() -> Labels.parseSelector("app in ()")).hasMessageContaining("values set can't be empty");
        assertThatThrownBy(() -> Labels.parseSelector("a b")).hasMessageStartingWith("error: unable to parse requirement");
    }

    @Test
    @DisplayName("the command line: -n moves after the verb; cobra's suggestions; client-go's path-segment check")
    void commandLine() {
        List<String> args = new ArrayList<>(List.of("-n", "hr", "get", "netpol"));
        KubectlLine.moveGlobalFlags(args);
        assertThat(args).containsExactly("get", "-n", "hr", "netpol");
        List<String> eq = new ArrayList<>(List.of("--namespace=hr", "describe", "netpol"));
        KubectlLine.moveGlobalFlags(eq);
        assertThat(eq).containsExactly("describe", "--namespace=hr", "netpol");
        assertThat(KubectlLine.unknownCommand("desribe", List.of("describe", "delete", "get")))
                .isEqualTo("error: unknown command \"desribe\" for \"kubectl\"\n\nDid you mean this?\n\tdescribe");
        assertThat(KubectlLine.unknownCommand("frobnicate", List.of("describe", "get"))).isEqualTo("error: unknown command \"frobnicate\" for \"kubectl\"");
        assertThat(Names.pathSegmentProblems("..")).containsExactly("may not be '..'");
        assertThat(Names.pathSegmentProblems("a/b%c")).containsExactly("may not contain '/'", "may not contain '%'");
        assertThat(Names.pathSegmentProblems("a b")).isEmpty();
        assertThat(Names.canExist("a b")).isFalse();
        assertThatThrownBy(() -> Names.checkName("x/y")).hasMessage("error: invalid resource name \"x/y\": [may not contain '/']");
    }
}
