package dev.netpollab.policy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every validation message, worded as the API server's field errors. */
class PolicyValidatorTest {
    private static List<String> errors(String spec) {
        return PolicyValidator.validate(Fixtures.policy("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: p, namespace: shop}
                spec:
                """ + spec.indent(2))).stream().map(FieldError::toString).toList();
    }

    @Test
    @DisplayName("a valid policy has no errors")
    void valid() {
        assertThat(errors("""
                podSelector: {matchLabels: {app: db}}
                policyTypes: [Ingress, Egress]
                ingress:
                - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: shop}}, podSelector: {}}]
                  ports: [{port: 5432}, {port: http, protocol: TCP}, {port: 30000, endPort: 32767, protocol: UDP}]
                egress:
                - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32]}}]
                """)).isEmpty();
    }

    @Test
    void invalidCidr() {
        assertThat(errors("""
                podSelector: {}
                ingress: [{from: [{ipBlock: {cidr: 10.0.0/8}}]}]
                """)).containsExactly(
                "spec.ingress[0].from[0].ipBlock.cidr: Invalid value: \"10.0.0/8\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
    }

    @Test
    void missingCidr() {
        assertThat(errors("""
                podSelector: {}
                egress: [{to: [{ipBlock: {except: [10.0.0.0/8]}}]}]
                """)).containsExactly("spec.egress[0].to[0].ipBlock.cidr: Required value");
    }

    @Test
    void exceptOutsideCidr() {
        assertThat(errors("""
                podSelector: {}
                egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8, except: [192.168.0.0/16, 10.0.0.0/8, bogus]}}]}]
                """)).containsExactly(
                "spec.egress[0].to[0].ipBlock.except[0]: Invalid value: \"192.168.0.0/16\": must be a strict subset of `cidr`",
                "spec.egress[0].to[0].ipBlock.except[1]: Invalid value: \"10.0.0.0/8\": must be a strict subset of `cidr`",
                "spec.egress[0].to[0].ipBlock.except[2]: Invalid value: \"bogus\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
    }

    @ParameterizedTest(name = "port {0}")
    @CsvSource({"0", "65536", "-5"})
    void portOutOfRange(int port) {
        assertThat(errors("podSelector: {}\ningress: [{ports: [{port: " + port + "}]}]")).containsExactly(
                "spec.ingress[0].ports[0].port: Invalid value: " + port + ": must be between 1 and 65535, inclusive");
    }

    @Test
    void badProtocol() {
        assertThat(errors("podSelector: {}\ningress: [{ports: [{port: 80, protocol: ICMP}, {protocol: tcp}]}]")).containsExactly(
                "spec.ingress[0].ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
                "spec.ingress[0].ports[1].protocol: Unsupported value: \"tcp\": supported values: \"SCTP\", \"TCP\", \"UDP\"");
    }

    @Test
    void namedPortSyntax() {
        assertThat(errors("podSelector: {}\ningress: [{ports: [{port: Http}, {port: \"8080\"}, {port: my--port}, {port: -web}, {port: a-very-long-port-name}]}]"))
                .containsExactly(
                        "spec.ingress[0].ports[0].port: Invalid value: \"Http\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                        "spec.ingress[0].ports[1].port: Invalid value: \"8080\": must contain at least one letter (a-z)",
                        "spec.ingress[0].ports[2].port: Invalid value: \"my--port\": must not contain consecutive hyphens",
                        "spec.ingress[0].ports[3].port: Invalid value: \"-web\": must not begin or end with a hyphen",
                        "spec.ingress[0].ports[4].port: Invalid value: \"a-very-long-port-name\": must be no more than 15 characters");
    }

    @Test
    @DisplayName("endPort needs a numeric port and must not be below it")
    void endPortRules() {
        assertThat(errors("""
                podSelector: {}
                ingress:
                - ports: [{port: http, endPort: 90}, {endPort: 90}, {port: 100, endPort: 90}, {port: 80, endPort: 70000}]
                """)).containsExactly(
                "spec.ingress[0].ports[0].endPort: Invalid value: 90: may not be specified when `port` is non-numeric",
                "spec.ingress[0].ports[1].endPort: Invalid value: 90: may not be specified when `port` is not specified",
                "spec.ingress[0].ports[2].endPort: Invalid value: 100: must be greater than or equal to `port`",
                "spec.ingress[0].ports[3].endPort: Invalid value: 70000: must be between 1 and 65535, inclusive");
    }

    @Test
    void policyTypes() {
        assertThat(errors("podSelector: {}\npolicyTypes: [ingress, Egress]")).containsExactly(
                "spec.policyTypes[0]: Unsupported value: \"ingress\": supported values: \"Egress\", \"Ingress\"");
        assertThat(errors("podSelector: {}\npolicyTypes: [Ingress, Egress, Ingress]")).singleElement().asString()
                .startsWith("spec.policyTypes: Invalid value: ").endsWith("may not specify more than two policyTypes");
    }

    @Test
    void emptyPeer() {
        assertThat(errors("podSelector: {}\ningress: [{from: [{}]}]")).containsExactly("spec.ingress[0].from[0]: Required value: must specify a peer");
    }

    @Test
    void ipBlockWithSelector() {
        assertThat(errors("podSelector: {}\negress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}, namespaceSelector: {}}]}]")).containsExactly(
                "spec.egress[0].to[0]: Forbidden: may not specify both ipBlock and another peer");
    }

    @Test
    @DisplayName("selector operators and their values must agree")
    void selectorOperators() {
        assertThat(errors("""
                podSelector:
                  matchExpressions:
                  - {key: app, operator: In}
                  - {key: app, operator: Exists, values: [x]}
                  - {key: app, operator: Equals, values: [x]}
                """)).containsExactly(
                "spec.podSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
                "spec.podSelector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                "spec.podSelector.matchExpressions[2].operator: Invalid value: \"Equals\": not a valid selector operator");
    }

    @Test
    @DisplayName("label keys and values follow the Kubernetes label syntax")
    void labelSyntax() {
        List<String> e = errors("podSelector: {matchLabels: {\"bad key!\": ok, app: \"-bad\"}}");
        assertThat(e).hasSize(2);
        assertThat(e.get(0)).startsWith("spec.podSelector.matchLabels: Invalid value: \"-bad\": a valid label must be an empty string");
        assertThat(e.get(1)).startsWith("spec.podSelector.matchLabels: Invalid value: \"bad key!\": name part must consist of alphanumeric");
    }

    @Test
    void metadataName() {
        var badName = Fixtures.policy("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: Allow_DB}\nspec: {podSelector: {}}");
        assertThat(PolicyValidator.validate(badName)).singleElement().asString()
                .startsWith("metadata.name: Invalid value: \"Allow_DB\": a lowercase RFC 1123 subdomain must consist of");
        var unnamed = Fixtures.policy("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {}\nspec: {podSelector: {}}");
        assertThat(PolicyValidator.validate(unnamed)).extracting(FieldError::toString)
                .containsExactly("metadata.name: Required value: name or generateName is required");
    }

    @Test
    @DisplayName("every violation is listed, not just the first")
    void listsAll() {
        assertThat(errors("""
                podSelector: {}
                policyTypes: [Both]
                ingress: [{from: [{}], ports: [{port: 0, protocol: ICMP}]}]
                egress: [{to: [{ipBlock: {cidr: x}}]}]
                """)).hasSize(5);
    }
}
