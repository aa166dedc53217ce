package dev.netpollab.policy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Validates a NetworkPolicy as the API server does (k8s {@code pkg/apis/networking/validation} and the
 * apimachinery validators it calls), reporting every violation rather than the first.
 */
public final class PolicyValidator {
    private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final String DNS1123_SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
            + "'-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
            + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final String QUALIFIED_NAME_MSG = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start "
            + "and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
            + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final String LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' "
            + "or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex "
            + "used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    private static final String CIDR_MSG = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";
    private static final Pattern PORT_NAME_CHARSET = Pattern.compile("[-a-z0-9]+");

    private PolicyValidator() {
    }

    /** Validates a policy as the API server does; nulls left in lists (see {@link PolicyDefaults#decoded}) are reported, never thrown. */
    public static List<FieldError> validate(NetworkPolicy policy) {
        List<FieldError> errors = new ArrayList<>();
        if (policy == null) {
            errors.add(FieldError.required("", "a NetworkPolicy object"));
            return errors;
        }
        String name = policy.getMetadata() == null ? null : policy.getMetadata().getName();
        if (name == null || name.isEmpty()) {
            errors.add(FieldError.required("metadata.name", "name or generateName is required"));
        } else {
            errors.addAll(dns1123Subdomain("metadata.name", name));
        }
        NetworkPolicySpec spec = policy.getSpec();
        if (spec == null) {
            // Go decodes a missing spec to the zero value, which is valid (it isolates every pod for ingress).
            return errors;
        }
        labelSelector("spec.podSelector", spec.getPodSelector(), errors);
        List<NetworkPolicyIngressRule> ingress = spec.getIngress() == null ? List.of() : spec.getIngress();
        for (int i = 0; i < ingress.size(); i++) {
            NetworkPolicyIngressRule rule = ingress.get(i);
            String path = "spec.ingress[" + i + "]";
            if (rule == null) {
                errors.add(FieldError.invalid(path, null, "write {} for a rule that admits everything"));
                continue;
            }
            ports(path, rule.getPorts(), errors);
            peers(path + ".from", rule.getFrom(), errors);
        }
        List<NetworkPolicyEgressRule> egress = spec.getEgress() == null ? List.of() : spec.getEgress();
        for (int i = 0; i < egress.size(); i++) {
            NetworkPolicyEgressRule rule = egress.get(i);
            String path = "spec.egress[" + i + "]";
            if (rule == null) {
                errors.add(FieldError.invalid(path, null, "write {} for a rule that admits everything"));
                continue;
            }
            ports(path, rule.getPorts(), errors);
            peers(path + ".to", rule.getTo(), errors);
        }
        List<String> types = spec.getPolicyTypes() == null ? List.of() : spec.getPolicyTypes();
        if (types.size() > 2) {
            errors.add(FieldError.invalid("spec.policyTypes", types.toString(), "may not specify more than two policyTypes"));
        } else {
            for (int i = 0; i < types.size(); i++) {
                String t = types.get(i);
                if (!"Ingress".equals(t) && !"Egress".equals(t)) {
                    errors.add(FieldError.unsupported("spec.policyTypes[" + i + "]", t, "Egress", "Ingress"));
                }
            }
        }
        return errors;
    }

    private static void ports(String rulePath, List<NetworkPolicyPort> ports, List<FieldError> errors) {
        if (ports == null) {
            return;
        }
        for (int i = 0; i < ports.size(); i++) {
            NetworkPolicyPort port = ports.get(i);
            String path = rulePath + ".ports[" + i + "]";
            if (port == null) {
                errors.add(FieldError.invalid(path, null, "write {} for every port"));
                continue;
            }
            String protocol = port.getProtocol();
            if (protocol != null && Protocol.parse(protocol).isEmpty()) {
                errors.add(FieldError.unsupported(path + ".protocol", protocol, "SCTP", "TCP", "UDP"));
            }
            IntOrString p = port.getPort();
            Integer endPort = port.getEndPort();
            if (p != null && p.getIntVal() != null) {
                int number = p.getIntVal();
                if (number < 1 || number > 65535) {
                    errors.add(FieldError.invalid(path + ".port", number, "must be between 1 and 65535, inclusive"));
                }
                if (endPort != null) {
                    if (endPort < number) {
                        errors.add(FieldError.invalid(path + ".endPort", number, "must be greater than or equal to `port`"));
                    }
                    if (endPort < 1 || endPort > 65535) {
                        errors.add(FieldError.invalid(path + ".endPort", endPort, "must be between 1 and 65535, inclusive"));
                    }
                }
            } else if (p != null && p.getStrVal() != null) {
                if (endPort != null) {
                    errors.add(FieldError.invalid(path + ".endPort", endPort, "may not be specified when `port` is non-numeric"));
                }
                for (String msg : portNameErrors(p.getStrVal())) {
                    errors.add(FieldError.invalid(path + ".port", p.getStrVal(), msg));
                }
            } else if (endPort != null) {
                errors.add(FieldError.invalid(path + ".endPort", endPort, "may not be specified when `port` is not specified"));
            }
        }
    }

    /** apimachinery {@code IsValidPortName}, an IANA_SVC_NAME. */
    static List<String> portNameErrors(String name) {
        List<String> out = new ArrayList<>();
        if (name.length() > 15) {
            out.add("must be no more than 15 characters");
        }
        if (!PORT_NAME_CHARSET.matcher(name).matches()) {
            out.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        } else if (name.chars().noneMatch(c -> c >= 'a' && c <= 'z')) {
            out.add("must contain at least one letter (a-z)");
        }
        if (name.contains("--")) {
            out.add("must not contain consecutive hyphens");
        }
        if (!name.isEmpty() && (name.startsWith("-") || name.endsWith("-"))) {
            out.add("must not begin or end with a hyphen");
        }
        return out;
    }

    private static void peers(String listPath, List<NetworkPolicyPeer> peers, List<FieldError> errors) {
        if (peers == null) {
            return;
        }
        for (int i = 0; i < peers.size(); i++) {
            NetworkPolicyPeer peer = peers.get(i);
            String path = listPath + "[" + i + "]";
            if (peer == null) {
                errors.add(FieldError.required(path, "must specify a peer"));
                continue;
            }
            int set = 0;
            if (peer.getPodSelector() != null) {
                set++;
                labelSelector(path + ".podSelector", peer.getPodSelector(), errors);
            }
            if (peer.getNamespaceSelector() != null) {
                set++;
                labelSelector(path + ".namespaceSelector", peer.getNamespaceSelector(), errors);
            }
            if (peer.getIpBlock() != null) {
                set++;
                ipBlock(path + ".ipBlock", peer.getIpBlock(), errors);
            }
            // "If this field is set then neither of the other fields can be." (NetworkPolicyPeer.ipBlock)
            if (set == 0) {
                errors.add(FieldError.required(path, "must specify a peer"));
            } else if (set > 1 && peer.getIpBlock() != null) {
                errors.add(FieldError.forbidden(path, "may not specify both ipBlock and another peer"));
            }
        }
    }

    private static void ipBlock(String path, IPBlock block, List<FieldError> errors) {
        if (block.getCidr() == null || block.getCidr().isEmpty()) {
            errors.add(FieldError.required(path + ".cidr", ""));
            return;
        }
        Optional<Cidr> cidr = Cidr.parse(block.getCidr());
        if (cidr.isEmpty()) {
            errors.add(FieldError.invalid(path + ".cidr", block.getCidr(), CIDR_MSG));
            return;
        }
        List<String> except = block.getExcept() == null ? List.of() : block.getExcept();
        for (int i = 0; i < except.size(); i++) {
            String e = except.get(i);
            String ePath = path + ".except[" + i + "]";
            Optional<Cidr> ex = e == null ? Optional.empty() : Cidr.parse(e);
            if (ex.isEmpty()) {
                errors.add(FieldError.invalid(ePath, e, CIDR_MSG));
            } else if (!cidr.get().strictlyContains(ex.get())) {
                // "Except values will be rejected if they are outside the cidr range" (IPBlock.except)
                errors.add(FieldError.invalid(ePath, e, "must be a strict subset of `cidr`"));
            }
        }
    }

    private static void labelSelector(String path, LabelSelector selector, List<FieldError> errors) {
        if (selector == null) {
            return;
        }
        Map<String, String> ml = selector.getMatchLabels() == null ? Map.of() : new TreeMap<>(selector.getMatchLabels());
        ml.forEach((k, v) -> {
            qualifiedName(path + ".matchLabels", k, errors);
            labelValue(path + ".matchLabels", v, errors);
        });
        List<LabelSelectorRequirement> exprs = selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
        for (int i = 0; i < exprs.size(); i++) {
            LabelSelectorRequirement r = exprs.get(i);
            String rPath = path + ".matchExpressions[" + i + "]";
            if (r == null) {
                errors.add(FieldError.invalid(rPath + ".operator", "", "not a valid selector operator"));
                continue;
            }
            List<String> values = r.getValues() == null ? List.of() : r.getValues();
            String op = r.getOperator() == null ? "" : r.getOperator();
            switch (op) {
                case "In", "NotIn" -> {
                    if (values.isEmpty()) {
                        errors.add(FieldError.required(rPath + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
                    }
                }
                case "Exists", "DoesNotExist" -> {
                    if (!values.isEmpty()) {
                        errors.add(FieldError.forbidden(rPath + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                    }
                }
                default -> errors.add(FieldError.invalid(rPath + ".operator", op, "not a valid selector operator"));
            }
            qualifiedName(rPath + ".key", r.getKey() == null ? "" : r.getKey(), errors);
            for (int v = 0; v < values.size(); v++) {
                labelValue(rPath + ".values[" + v + "]", values.get(v), errors);
            }
        }
    }

    /** apimachinery {@code IsQualifiedName}: an optional DNS-subdomain prefix, a slash, a name of at most 63 characters. */
    private static void qualifiedName(String path, String key, List<FieldError> errors) {
        String[] parts = key.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            name = parts[1];
            if (prefix.isEmpty()) {
                errors.add(FieldError.invalid(path, key, "prefix part must be non-empty"));
            } else if (prefix.length() > 253 || !DNS1123_SUBDOMAIN.matcher(prefix).matches()) {
                errors.add(FieldError.invalid(path, key, "prefix part " + DNS1123_SUBDOMAIN_MSG));
            }
        } else {
            errors.add(FieldError.invalid(path, key, "a qualified name must consist of alphanumeric characters, '-', '_' or '.', "
                    + "and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex "
                    + "used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix "
                    + "and '/' (e.g. 'example.com/MyName')"));
            return;
        }
        if (name.isEmpty()) {
            errors.add(FieldError.invalid(path, key, "name part must be non-empty"));
        } else if (name.length() > 63) {
            errors.add(FieldError.invalid(path, key, "name part must be no more than 63 characters"));
        } else if (!QUALIFIED_NAME.matcher(name).matches()) {
            errors.add(FieldError.invalid(path, key, QUALIFIED_NAME_MSG));
        }
    }

    private static void labelValue(String path, String value, List<FieldError> errors) {
        if (value == null) {
            // YAML's "app:" or "app: null". Go's JSON decoder would quietly store "", which hides the mistake.
            errors.add(FieldError.invalid(path, null, "a label value must be a string; write \"\" for an empty value"));
            return;
        }
        String v = value;
        if (v.length() > 63) {
            errors.add(FieldError.invalid(path, v, "must be no more than 63 characters"));
        }
        if (!LABEL_VALUE.matcher(v).matches()) {
            errors.add(FieldError.invalid(path, v, LABEL_VALUE_MSG));
        }
    }

    /** Label keys and values of an object ({@code metadata.labels}) or a selector's matchLabels. */
    public static List<FieldError> labelErrors(String path, Map<String, String> labels) {
        List<FieldError> out = new ArrayList<>();
        new TreeMap<>(labels).forEach((k, v) -> {
            qualifiedName(path, k, out);
            labelValue(path, v, out);
        });
        return out;
    }

    /** apimachinery {@code IsValidPortName}, as field errors. */
    public static List<FieldError> portNameErrors(String path, String name) {
        return portNameErrors(name).stream().map(m -> FieldError.invalid(path, name, m)).toList();
    }

    private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    /** apimachinery {@code IsDNS1123Label}, used for namespace names. */
    public static List<FieldError> dns1123Label(String path, String name) {
        List<FieldError> out = new ArrayList<>();
        if (name.length() > 63) {
            out.add(FieldError.invalid(path, name, "must be no more than 63 characters"));
        }
        if (!DNS1123_LABEL.matcher(name).matches()) {
            out.add(FieldError.invalid(path, name, "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', "
                    + "and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
                    + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')"));
        }
        return out;
    }

    /** apimachinery {@code IsDNS1123Subdomain}, used for object names. */
    public static List<FieldError> dns1123Subdomain(String path, String name) {
        List<FieldError> out = new ArrayList<>();
        if (name.length() > 253) {
            out.add(FieldError.invalid(path, name, "must be no more than 253 characters"));
        }
        if (!DNS1123_SUBDOMAIN.matcher(name).matches()) {
            out.add(FieldError.invalid(path, name, DNS1123_SUBDOMAIN_MSG));
        }
        return out;
    }
}
