package dev.netpollab.scenario;

import dev.netpollab.policy.Suggest;
import dev.netpollab.policy.Cidr;
import dev.netpollab.policy.FieldError;
import dev.netpollab.policy.PolicyValidator;
import dev.netpollab.policy.Protocol;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one {@code kind: Scenario} document into a {@link Scenario}, checking structure, names and every
 * reference (pods, services, externals, ports, namespaces), and validating the embedded policies as the
 * API server would. All problems are reported with file, line, column and field path.
 */
final class ScenarioReader {
    static final String API_VERSION = "netpol-lab/v1";
    private static final Pattern KEBAB = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> TOP = Set.of("apiVersion", "kind", "metadata", "task", "world", "broken", "expect",
            "rules", "hints", "solution", "explanation", "cniNotes", "acceptLint", "variants", "checks", "acceptMutants");
    private static final Set<String> META = Set.of("id", "title", "difficulty", "topics", "minutes");
    private static final Set<String> WORLD = Set.of("namespaces", "pods", "services", "externals");
    private static final Set<String> NAMESPACE = Set.of("name", "labels");
    private static final Set<String> POD = Set.of("name", "namespace", "labels", "ports");
    private static final Set<String> POD_PORT = Set.of("port", "name", "protocol");
    private static final Set<String> SERVICE = Set.of("name", "namespace", "selector", "ports");
    private static final Set<String> SERVICE_PORT = Set.of("port", "targetPort", "protocol", "name");
    private static final Set<String> EXTERNAL = Set.of("name", "ip", "ports");
    private static final Set<String> EXPECT = Set.of("from", "to", "port", "protocol", "allowed", "dnsBlocked");
    private static final Set<String> RULES = Set.of("policiesOnlyIn", "worldImmutable");
    private static final Set<String> ACCEPT = Set.of("id", "reason");
    private static final Set<String> ACCEPT_MUTANT = Set.of("mutant", "reason");
    private static final Set<String> CHECK = Set.of("exists", "absent", "unchanged", "repaired", "policy", "field", "equals", "count", "description");
    private static final List<String> CHECK_KINDS = List.of("exists", "absent", "unchanged", "repaired", "policy");
    private static final Set<String> VARIANTS = Set.of("namespaces", "labelValues", "ports");

    private ScenarioReader() {
    }

    /** Reads the scenario, or returns empty after adding its problems. */
    static Optional<Scenario> read(String file, String text, LocatedYaml.Document doc, List<YamlProblem> problems) {
        return read(file, text, doc, problems, true);
    }

    /**
     * @param checkVariants false for a rendered variant: its own variants block names the original world
     */
    static Optional<Scenario> read(String file, String text, LocatedYaml.Document doc, List<YamlProblem> problems, boolean checkVariants) {
        int before = problems.size();
        JsonNode root = doc.root();
        String idGuess = root.path("metadata").path("id").asString("");
        FieldReader r = new FieldReader(file, doc, idGuess.isEmpty() ? "scenario" : "scenario " + idGuess, problems);
        if (!r.mapping(root, "", TOP)) {
            r.error("", "a scenario must be a mapping");
            return Optional.empty();
        }
        String apiVersion = r.text(root, "", "apiVersion", true);
        if (apiVersion != null && !API_VERSION.equals(apiVersion)) {
            r.error("apiVersion", "Unsupported value: \"" + apiVersion + "\": supported values: \"" + API_VERSION + "\"");
        }
        ScenarioMeta meta = meta(r, root.get("metadata"));
        String task = r.text(root, "", "task", true);
        World world = world(r, root.get("world"));
        if (world == null) {
            r.error("world", "Required value");
            world = new World(List.of(), List.of(), List.of(), List.of());
        }
        World full = world.withImplicitDns();
        String broken = Optional.ofNullable(r.text(root, "", "broken", false)).orElse("");
        List<NetworkPolicy> brokenPolicies = policies(r, text, "broken", broken, full);
        String solution = Optional.ofNullable(r.text(root, "", "solution", false)).orElse("");
        List<NetworkPolicy> solutionPolicies = policies(r, text, "solution", solution, full);
        List<Expectation> expect = expectations(r, root, full);
        List<PolicyCheck> checks = checks(r, root, full, brokenPolicies);
        Rules rules = rules(r, root.get("rules"), full);
        List<String> hints = r.textList(root, "", "hints", false);
        String explanation = Optional.ofNullable(r.text(root, "", "explanation", false)).orElse("");
        String cniNotes = Optional.ofNullable(r.text(root, "", "cniNotes", false)).orElse("");
        List<AcceptedLint> accept = new ArrayList<>();
        List<JsonNode> acc = r.list(root, "", "acceptLint", false);
        for (int i = 0; i < acc.size(); i++) {
            String p = "acceptLint[" + i + "]";
            if (r.mapping(acc.get(i), p, ACCEPT)) {
                String id = r.text(acc.get(i), p, "id", true);
                String reason = r.text(acc.get(i), p, "reason", true);
                if (id != null && reason != null) {
                    accept.add(new AcceptedLint(id, reason));
                }
            }
        }
        List<AcceptedMutant> acceptMutants = new ArrayList<>();
        List<JsonNode> am = r.list(root, "", "acceptMutants", false);
        for (int i = 0; i < am.size(); i++) {
            String p = "acceptMutants[" + i + "]";
            if (r.mapping(am.get(i), p, ACCEPT_MUTANT)) {
                String mutant = r.text(am.get(i), p, "mutant", true);
                String reason = r.text(am.get(i), p, "reason", true);
                if (reason != null && reason.isBlank()) {
                    r.error(p + ".reason", "Required value: say why this wrong repair may pass");
                } else if (mutant != null && reason != null) {
                    acceptMutants.add(new AcceptedMutant(mutant.strip(), reason));
                }
            }
        }
        Variants variants = checkVariants ? variants(r, root.get("variants"), world, text) : Variants.NONE;
        if (problems.size() > before || meta == null) {
            return Optional.empty();
        }
        return Optional.of(new Scenario(file, text, meta, task == null ? "" : task, full, broken, brokenPolicies, expect, checks, rules,
                hints, solution, solutionPolicies, explanation, cniNotes, accept, acceptMutants, variants, 0));
    }

    private static ScenarioMeta meta(FieldReader r, JsonNode m) {
        if (m == null) {
            r.error("metadata", "Required value");
            return null;
        }
        if (!r.mapping(m, "metadata", META)) {
            return null;
        }
        String id = r.text(m, "metadata", "id", true);
        if (id != null && !KEBAB.matcher(id).matches()) {
            r.error("metadata.id", "Invalid value: \"" + id + "\": must be kebab-case (lower-case letters, digits and single hyphens)");
        }
        String title = Printable.line(r.text(m, "metadata", "title", true));
        String diff = r.text(m, "metadata", "difficulty", true);
        Difficulty difficulty = null;
        if (diff != null) {
            try {
                difficulty = Difficulty.valueOf(diff.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                r.error("metadata.difficulty", "Unsupported value: \"" + diff + "\": supported values: \"easy\", \"medium\", \"hard\"");
            }
        }
        List<String> topics = r.textList(m, "metadata", "topics", true);
        if (m.has("topics") && topics.isEmpty()) {
            r.error("metadata.topics", "must name at least one topic");
        }
        Integer minutes = r.integer(m, "metadata", "minutes", true);
        if (minutes != null && (minutes < 1 || minutes > 120)) {
            r.error("metadata.minutes", "Invalid value: " + minutes + ": must be between 1 and 120");
        }
        if (id == null || title == null || difficulty == null || minutes == null) {
            return null;
        }
        return new ScenarioMeta(id, title, difficulty, topics, minutes);
    }

    private static World world(FieldReader r, JsonNode w) {
        if (!r.mapping(w, "world", WORLD)) {
            return null;
        }
        List<WorldNamespace> namespaces = new ArrayList<>();
        Set<String> nsNames = new HashSet<>();
        List<JsonNode> ns = r.list(w, "world", "namespaces", true);
        for (int i = 0; i < ns.size(); i++) {
            String p = "world.namespaces[" + i + "]";
            if (!r.mapping(ns.get(i), p, NAMESPACE)) {
                continue;
            }
            String name = r.text(ns.get(i), p, "name", true);
            Map<String, String> labels = r.textMap(ns.get(i), p, "labels");
            PolicyValidator.labelErrors(p + ".labels", labels).forEach(r::error);
            if (name != null) {
                PolicyValidator.dns1123Label(p + ".name", name).forEach(r::error);
                if (!nsNames.add(name)) {
                    r.error(p + ".name", "Duplicate value: \"" + name + "\"");
                }
                namespaces.add(new WorldNamespace(name, labels));
            }
        }
        List<WorldPod> pods = new ArrayList<>();
        Set<String> podIds = new HashSet<>();
        List<JsonNode> ps = r.list(w, "world", "pods", true);
        for (int i = 0; i < ps.size(); i++) {
            String p = "world.pods[" + i + "]";
            JsonNode pod = ps.get(i);
            if (!r.mapping(pod, p, POD)) {
                continue;
            }
            String name = r.text(pod, p, "name", true);
            String namespace = r.text(pod, p, "namespace", true);
            Map<String, String> labels = r.textMap(pod, p, "labels");
            PolicyValidator.labelErrors(p + ".labels", labels).forEach(r::error);
            if (name != null) {
                PolicyValidator.dns1123Subdomain(p + ".name", name).forEach(r::error);
            }
            if (namespace != null && !nsNames.contains(namespace) && !namespace.equals(World.DNS_NAMESPACE)) {
                r.error(p + ".namespace", "namespace \"" + namespace + "\" is not declared in world.namespaces" + Suggest.hint(namespace, nsNames));
            }
            List<WorldPort> ports = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            List<JsonNode> pp = r.list(pod, p, "ports", false);
            for (int j = 0; j < pp.size(); j++) {
                String pj = p + ".ports[" + j + "]";
                if (!r.mapping(pp.get(j), pj, POD_PORT)) {
                    continue;
                }
                Integer port = r.integer(pp.get(j), pj, "port", true);
                String portName = r.text(pp.get(j), pj, "name", false);
                Protocol protocol = protocol(r, pp.get(j), pj);
                if (port != null && (port < 1 || port > 65535)) {
                    r.error(pj + ".port", "Invalid value: " + port + ": must be between 1 and 65535, inclusive");
                }
                if (portName != null) {
                    PolicyValidator.portNameErrors(pj + ".name", portName).forEach(r::error);
                }
                if (port != null && protocol != null) {
                    if (!seen.add(port + "/" + protocol)) {
                        r.error(pj, "Duplicate value: " + port + "/" + protocol);
                    }
                    ports.add(new WorldPort(port, portName, protocol));
                }
            }
            if (name != null && namespace != null) {
                if (!podIds.add(namespace + "/" + name)) {
                    r.error(p + ".name", "Duplicate value: \"" + namespace + "/" + name + "\"");
                }
                pods.add(new WorldPod(namespace, name, labels, ports));
            }
        }
        List<WorldService> services = new ArrayList<>();
        List<JsonNode> ss = r.list(w, "world", "services", false);
        for (int i = 0; i < ss.size(); i++) {
            String p = "world.services[" + i + "]";
            JsonNode svc = ss.get(i);
            if (!r.mapping(svc, p, SERVICE)) {
                continue;
            }
            String name = r.text(svc, p, "name", true);
            String namespace = r.text(svc, p, "namespace", true);
            Map<String, String> selector = r.textMap(svc, p, "selector");
            if (selector.isEmpty()) {
                r.error(p + ".selector", "Required value: a Service of the world selects its pods");
            }
            if (namespace != null && !nsNames.contains(namespace)) {
                r.error(p + ".namespace", "namespace \"" + namespace + "\" is not declared in world.namespaces" + Suggest.hint(namespace, nsNames));
            }
            List<WorldPod> selected = pods.stream().filter(pod -> pod.namespace().equals(namespace)
                    && pod.labels().entrySet().containsAll(selector.entrySet())).toList();
            if (!selector.isEmpty() && namespace != null && selected.isEmpty()) {
                r.error(p + ".selector", "selects no pod of namespace " + namespace);
            }
            List<WorldService.Port> ports = new ArrayList<>();
            List<JsonNode> sp = r.list(svc, p, "ports", true);
            for (int j = 0; j < sp.size(); j++) {
                String pj = p + ".ports[" + j + "]";
                if (!r.mapping(sp.get(j), pj, SERVICE_PORT)) {
                    continue;
                }
                Integer port = r.integer(sp.get(j), pj, "port", true);
                Protocol protocol = protocol(r, sp.get(j), pj);
                String target = r.text(sp.get(j), pj, "targetPort", false);
                String portName = r.text(sp.get(j), pj, "name", false);
                if (port == null || protocol == null) {
                    continue;
                }
                String t = target == null ? String.valueOf(port) : target;
                for (WorldPod pod : selected) {
                    boolean ok = t.chars().allMatch(Character::isDigit) ? pod.serves(Integer.parseInt(t), protocol)
                            : pod.named(t).filter(wp -> wp.protocol() == protocol).isPresent();
                    if (!ok) {
                        r.error(pj + ".targetPort", "pod " + pod.id() + " (selected) serves no " + protocol + " port " + t);
                    }
                }
                ports.add(new WorldService.Port(port, t, protocol, portName));
            }
            if (name != null && namespace != null) {
                PolicyValidator.dns1123Label(p + ".name", name).forEach(r::error);
                services.add(new WorldService(namespace, name, selector, ports));
            }
        }
        List<WorldExternal> externals = new ArrayList<>();
        List<JsonNode> es = r.list(w, "world", "externals", false);
        for (int i = 0; i < es.size(); i++) {
            String p = "world.externals[" + i + "]";
            JsonNode ext = es.get(i);
            if (!r.mapping(ext, p, EXTERNAL)) {
                continue;
            }
            String name = r.text(ext, p, "name", true);
            String ip = r.text(ext, p, "ip", true);
            if (ip != null && Cidr.parseAddress(ip).isEmpty()) {
                r.error(p + ".ip", "Invalid value: \"" + ip + "\": must be an IPv4 or IPv6 address");
            }
            List<Integer> ports = new ArrayList<>();
            List<JsonNode> ep = r.list(ext, p, "ports", true);
            for (int j = 0; j < ep.size(); j++) {
                JsonNode n = ep.get(j);
                if (!n.isIntegralNumber() || n.intValue() < 1 || n.intValue() > 65535) {
                    r.error(p + ".ports[" + j + "]", "Invalid value: " + n + ": must be a port between 1 and 65535");
                } else {
                    ports.add(n.intValue());
                }
            }
            if (name != null && ip != null) {
                externals.add(new WorldExternal(name, ip, ports));
            }
        }
        return new World(namespaces, pods, services, externals);
    }

    private static Protocol protocol(FieldReader r, JsonNode node, String path) {
        String proto = r.text(node, path, "protocol", false);
        if (proto == null) {
            return Protocol.TCP;
        }
        Optional<Protocol> p = Protocol.parse(proto);
        if (p.isEmpty()) {
            r.error(path + ".protocol", "Unsupported value: \"" + proto + "\": supported values: \"SCTP\", \"TCP\", \"UDP\"");
            return null;
        }
        return p.get();
    }

    /** Reads embedded policy YAML; problems are placed on the scenario file's own lines. */
    private static List<NetworkPolicy> policies(FieldReader r, String fileText, String field, String yaml, World world) {
        if (yaml.isBlank()) {
            return List.of();
        }
        int[] keyLoc = r.doc.locate(field);
        String[] lines = fileText.split("\n", -1);
        int keyLine = keyLoc[0];
        boolean block = keyLine >= 1 && keyLine <= lines.length
                && lines[keyLine - 1].replaceAll("\\s+#.*$", "").trim().matches(".*:\\s*[|>][-+0-9]*$");
        int lineOffset = block ? keyLine : keyLine - 1;
        int indent = 0;
        if (block) {
            for (int i = keyLine; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    indent = lines[i].length() - lines[i].stripLeading().length();
                    break;
                }
            }
        }
        KubeYaml.Result result = KubeYaml.readAll(r.file, yaml, "NetworkPolicy", field);
        for (YamlProblem p : result.problems()) {
            r.problems.add(shift(p, field, lineOffset, indent));
        }
        List<NetworkPolicy> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (KubeYaml.KubeObject ko : result.objects()) {
            List<YamlProblem> found = new ArrayList<>();
            if (ko.object() instanceof NetworkPolicy np) {
                // Annotations are free text that `describe` prints: a scenario file's escape sequences stay out of the terminal.
                if (np.getMetadata().getAnnotations() != null) {
                    np.getMetadata().getAnnotations().replaceAll((k, v) -> Printable.strip(v));
                }
                String ns = np.getMetadata().getNamespace();
                if (ns == null) {
                    found.add(ko.problem("metadata", "metadata.namespace: Required value: say which namespace the policy is in"));
                } else if (world.namespace(ns).isEmpty()) {
                    found.add(ko.problem("metadata.namespace", "metadata.namespace: namespace \"" + ns + "\" is not part of the world"
                            + Suggest.hint(ns, world.namespaces().stream().map(WorldNamespace::name).toList())));
                }
                for (FieldError e : PolicyValidator.validate(np)) {
                    found.add(ko.problem(e.path(), e.toString()));
                }
                if (!names.add(ns + "/" + np.getMetadata().getName())) {
                    found.add(ko.problem("metadata.name", "metadata.name: Duplicate value: two policies are named " + ns + "/"
                            + np.getMetadata().getName()));
                }
                if (found.isEmpty()) {
                    out.add(np);
                }
            }
            for (YamlProblem p : found) {
                r.problems.add(shift(p, field, lineOffset, indent));
            }
        }
        return out;
    }

    private static YamlProblem shift(YamlProblem p, String field, int lineOffset, int indent) {
        String object = p.object() == null || p.object().isEmpty() ? field : field + ": " + p.object();
        return new YamlProblem(p.file(), p.line() + lineOffset, p.column() > 0 ? p.column() + indent : 0, object, p.message());
    }

    /**
     * Why no probe starts in kube-system/coredns: on a real cluster it is CoreDNS, whose image has no shell and no
     * curl for the prober to exec into, so the cell could never be observed there.
     */
    static final String DNS_CANNOT_PROBE = "on a real cluster it is CoreDNS, whose image has no shell or curl to run a probe in;"
            + " declare a pod of your own in kube-system (world.pods: {namespace: kube-system, name: …}) and probe from it";

    private static List<Expectation> expectations(FieldReader r, JsonNode root, World world) {
        List<Expectation> out = new ArrayList<>();
        List<JsonNode> items = r.list(root, "", "expect", true);
        if (root.has("expect") && items.isEmpty()) {
            r.error("expect", "must list at least one expectation");
        }
        Set<String> namespaces = new LinkedHashSet<>();
        world.namespaces().forEach(n -> namespaces.add(n.name()));
        List<String> podIds = world.pods().stream().map(WorldPod::id).toList();
        for (int i = 0; i < items.size(); i++) {
            String p = "expect[" + i + "]";
            JsonNode e = items.get(i);
            if (!r.mapping(e, p, EXPECT)) {
                continue;
            }
            String from = r.text(e, p, "from", true);
            String to = r.text(e, p, "to", true);
            Integer port = r.integer(e, p, "port", true);
            Protocol protocol = protocol(r, e, p);
            Boolean allowed = r.bool(e, p, "allowed", true);
            String dns = r.text(e, p, "dnsBlocked", false);
            boolean ok = true;
            if (from != null) {
                String[] parts = from.split("/", -1);
                if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                    r.error(p + ".from", "Invalid value: \"" + from + "\": write NAMESPACE/POD or NAMESPACE/*");
                    ok = false;
                } else if (parts[1].equals("*")) {
                    if (!namespaces.contains(parts[0])) {
                        r.error(p + ".from", "namespace \"" + parts[0] + "\" is not part of the world" + Suggest.hint(parts[0], namespaces));
                        ok = false;
                    } else if (world.podsIn(parts[0]).isEmpty()) {
                        r.error(p + ".from", "namespace \"" + parts[0] + "\" has no pods");
                        ok = false;
                    } else if (world.podsIn(parts[0]).stream().allMatch(World::isImplicitDns)) {
                        r.error(p + ".from", "the only pod of " + parts[0] + " is the cluster DNS, which cannot send probes: " + DNS_CANNOT_PROBE);
                        ok = false;
                    }
                } else if (world.pod(from).isEmpty()) {
                    r.error(p + ".from", "no pod \"" + from + "\" in the world" + Suggest.hint(from, podIds));
                    ok = false;
                } else if (world.pod(from).filter(World::isImplicitDns).isPresent()) {
                    r.error(p + ".from", "the cluster DNS pod cannot send probes: " + DNS_CANNOT_PROBE);
                    ok = false;
                }
            }
            Optional<Target> target = to == null ? Optional.empty() : Target.parse(to);
            if (to != null && target.isEmpty()) {
                r.error(p + ".to", "Invalid value: \"" + to + "\": write NAMESPACE/POD, svc:NAMESPACE/SERVICE or ext:NAME");
                ok = false;
            }
            if (target.isPresent() && port != null && protocol != null) {
                ok &= checkTarget(r, p, target.get(), port, protocol, world, podIds);
            }
            if (ok && from != null && target.isPresent()) {
                ok = loopback(r, p, from, target.get(), world);
            }
            boolean dnsBlocked = false;
            if (dns != null) {
                if (!dns.equals("ok")) {
                    r.error(p + ".dnsBlocked", "Unsupported value: \"" + dns + "\": supported values: \"ok\"");
                    ok = false;
                } else if (target.isPresent() && !(target.get() instanceof Target.Service)) {
                    r.error(p + ".dnsBlocked", "only applies to a Service target (svc:NAMESPACE/NAME): pod and external probes use no DNS");
                    ok = false;
                } else if (Boolean.TRUE.equals(allowed)) {
                    r.error(p + ".dnsBlocked", "only applies to allowed: false");
                    ok = false;
                }
                dnsBlocked = true;
            }
            if (ok && from != null && target.isPresent() && port != null && protocol != null && allowed != null) {
                out.add(new Expectation(i, from, target.get(), port, protocol, allowed, dnsBlocked));
            }
        }
        return out;
    }

    /**
     * A pod reaching itself never meets NetworkPolicy ("a pod cannot block access to itself", Network Policies
     * concept page), and reaching itself through its own Service is hairpin traffic that CNIs handle differently:
     * neither proves anything. {@code ns/*} sources skip such pods when graded, but must leave at least one.
     */
    private static boolean loopback(FieldReader r, String p, String from, Target to, World world) {
        List<String> sources = from.endsWith("/*") ? world.podsIn(from.substring(0, from.length() - 2)).stream().map(WorldPod::id).toList()
                : List.of(from);
        List<String> left = sources.stream().filter(src -> !world.reachesItself(src, to)).toList();
        if (!left.isEmpty()) {
            return true;
        }
        if (from.endsWith("/*")) {
            r.error(p + ".from", "every pod of " + from + " is the destination itself, and a pod reaching itself proves nothing"
                    + " (loopback is always allowed): probe from a pod of another namespace, or add a second pod");
        } else {
            r.error(p + ".to", "the source is the destination: a pod always reaches itself (loopback never meets NetworkPolicy;"
                    + " \"a pod cannot block access to itself\"), so probe from another pod");
        }
        return false;
    }

    private static List<PolicyCheck> checks(FieldReader r, JsonNode root, World world, List<NetworkPolicy> broken) {
        List<PolicyCheck> out = new ArrayList<>();
        List<JsonNode> items = r.list(root, "", "checks", false);
        for (int i = 0; i < items.size(); i++) {
            String p = "checks[" + i + "]";
            JsonNode c = items.get(i);
            if (!r.mapping(c, p, CHECK)) {
                if (c == null || c.isNull()) {
                    r.error(p, "must be a mapping, e.g. {exists: NAMESPACE/NAME}");
                }
                continue;
            }
            List<String> kinds = CHECK_KINDS.stream().filter(c::has).toList();
            if (kinds.size() != 1) {
                r.error(p, kinds.isEmpty() ? "Required value: one of exists, absent, unchanged, repaired or policy (with field)"
                        : "give one of " + String.join(", ", kinds) + " per check, not several");
                continue;
            }
            String kind = kinds.get(0);
            String description = r.text(c, p, "description", false);
            String ref = r.text(c, p, kind, true);
            String[] nsName = ref == null ? null : policyRef(r, p + "." + kind, ref, world);
            boolean fieldKeys = c.has("field") || c.has("equals") || c.has("count");
            if (!kind.equals("policy") && fieldKeys) {
                r.error(p, "field, equals and count belong to a check with policy: NAMESPACE/NAME");
                continue;
            }
            if (nsName == null) {
                continue;
            }
            switch (kind) {
                case "exists" -> out.add(new PolicyCheck.Exists(i, nsName[0], nsName[1], description));
                case "absent" -> out.add(new PolicyCheck.Absent(i, nsName[0], nsName[1], description));
                case "unchanged" -> {
                    if (broken.stream().noneMatch(np -> nsName[0].equals(np.getMetadata().getNamespace()) && nsName[1].equals(np.getMetadata().getName()))) {
                        r.error(p + ".unchanged", "the broken state has no NetworkPolicy " + ref + " to keep unchanged");
                    } else {
                        out.add(new PolicyCheck.Unchanged(i, nsName[0], nsName[1], description));
                    }
                }
                case "repaired" -> {
                    if (broken.stream().noneMatch(np -> nsName[0].equals(np.getMetadata().getNamespace()) && nsName[1].equals(np.getMetadata().getName()))) {
                        r.error(p + ".repaired", "the broken state has no NetworkPolicy " + ref + " to repair");
                    } else {
                        out.add(new PolicyCheck.Repaired(i, nsName[0], nsName[1], description));
                    }
                }
                default -> {
                    String path = r.text(c, p, "field", true);
                    Optional<FieldPath> fp = path == null ? Optional.empty() : FieldPath.parse(path);
                    if (path != null && fp.isEmpty()) {
                        r.error(p + ".field", "Invalid value: \"" + path + "\": write the JSON field path, e.g. spec.ingress[0].ports[*].endPort");
                    }
                    JsonNode equals = c.get("equals");
                    Integer count = r.integer(c, p, "count", false);
                    if (count != null && count < 0) {
                        r.error(p + ".count", "Invalid value: " + count + ": must be 0 or more");
                    }
                    if (equals == null && !c.has("count")) {
                        r.error(p, "Required value: equals, count or both: what must be true of " + path);
                    } else if (fp.isPresent() && (count == null || count >= 0) && (c.has("count") == (count != null))) {
                        out.add(new PolicyCheck.Field(i, nsName[0], nsName[1], fp.get(), equals, count, description));
                    }
                }
            }
        }
        return out;
    }

    /** {@code NAMESPACE/NAME} of a policy, with a namespace of the world; null after an error. */
    private static String[] policyRef(FieldReader r, String path, String ref, World world) {
        String[] parts = ref.split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            r.error(path, "Invalid value: \"" + ref + "\": write NAMESPACE/NAME of a NetworkPolicy");
            return null;
        }
        if (world.namespace(parts[0]).isEmpty()) {
            r.error(path, "namespace \"" + parts[0] + "\" is not part of the world"
                    + Suggest.hint(parts[0], world.namespaces().stream().map(WorldNamespace::name).toList()));
            return null;
        }
        List<FieldError> bad = PolicyValidator.dns1123Subdomain(path, parts[1]);
        if (!bad.isEmpty()) {
            bad.forEach(r::error);
            return null;
        }
        return parts;
    }

    private static boolean checkTarget(FieldReader r, String p, Target target, int port, Protocol protocol, World world, List<String> podIds) {
        if (target instanceof Target.Pod t) {
                Optional<WorldPod> pod = world.pod(t.id());
                if (pod.isEmpty()) {
                    r.error(p + ".to", "no pod \"" + t.id() + "\" in the world" + Suggest.hint(t.id(), podIds));
                    return false;
                }
                if (!pod.get().serves(port, protocol)) {
                    r.error(p + ".port", "pod " + t.id() + " declares no port " + port + "/" + protocol + "; it serves " + pod.get().ports());
                    return false;
                }
        } else if (target instanceof Target.Service t) {
                Optional<WorldService> svc = world.service(t.id());
                if (svc.isEmpty() && t.id().equals(World.API_SERVICE_ID)) {
                    return checkApiService(r, p, port, protocol, world);
                }
                if (svc.isEmpty()) {
                    r.error(p + ".to", "no service \"" + t.id() + "\" in world.services"
                            + Suggest.hint(t.id(), world.services().stream().map(WorldService::id).toList()));
                    return false;
                }
                if (svc.get().port(port, protocol).isEmpty()) {
                    r.error(p + ".port", "service " + t.id() + " has no port " + port + "/" + protocol);
                    return false;
                }
        } else if (target instanceof Target.External t) {
                Optional<WorldExternal> ext = world.external(t.name());
                if (ext.isEmpty()) {
                    r.error(p + ".to", "no external \"" + t.name() + "\" in world.externals"
                            + Suggest.hint(t.name(), world.externals().stream().map(WorldExternal::name).toList()));
                    return false;
                }
                if (!ext.get().ports().contains(port)) {
                    r.error(p + ".port", "external " + t.name() + " serves no port " + port + "; it serves " + ext.get().ports());
                    return false;
                }
        }
        return true;
    }

    /**
     * {@code svc:default/kubernetes}: every cluster's Service in front of the API server, 443/TCP, leading to the world's
     * {@code apiserver} external on 6443 (its EndpointSlice, which the lab writes from that external).
     */
    private static boolean checkApiService(FieldReader r, String p, int port, Protocol protocol, World world) {
        if (port != World.API_SERVICE_PORT || protocol != Protocol.TCP) {
            r.error(p + ".port", "service " + World.API_SERVICE_ID + " has no port " + port + "/" + protocol + "; it serves "
                    + World.API_SERVICE_PORT + "/TCP");
            return false;
        }
        if (world.external(World.API_SERVER_EXTERNAL).filter(e -> e.ports().contains(World.API_SERVER_PORT)).isEmpty()) {
            r.error(p + ".to", "svc:" + World.API_SERVICE_ID + " leads to the API server: declare it in world.externals as {name: "
                    + World.API_SERVER_EXTERNAL + ", ip: ..., ports: [" + World.API_SERVER_PORT + "]}");
            return false;
        }
        return true;
    }

    private static Rules rules(FieldReader r, JsonNode node, World world) {
        if (!r.mapping(node, "rules", RULES)) {
            return Rules.NONE;
        }
        List<String> only = r.textList(node, "rules", "policiesOnlyIn", false);
        for (int i = 0; i < only.size(); i++) {
            if (world.namespace(only.get(i)).isEmpty()) {
                r.error("rules.policiesOnlyIn[" + i + "]", "namespace \"" + only.get(i) + "\" is not part of the world");
            }
        }
        Boolean immutable = r.bool(node, "rules", "worldImmutable", false);
        return new Rules(only, Boolean.TRUE.equals(immutable));
    }

    private static Variants variants(FieldReader r, JsonNode node, World world, String text) {
        if (!r.mapping(node, "variants", VARIANTS)) {
            return Variants.NONE;
        }
        Map<String, List<String>> ns = r.textListMap(node, "variants", "namespaces");
        ns.forEach((name, alts) -> {
            if (world.namespace(name).isEmpty()) {
                r.error("variants.namespaces." + name, "namespace \"" + name + "\" is not part of the world");
            }
            alts.forEach(a -> PolicyValidator.dns1123Label("variants.namespaces." + name, a).forEach(r::error));
        });
        Map<String, List<String>> labels = r.textListMap(node, "variants", "labelValues");
        labels.forEach((value, alts) -> {
            boolean used = world.pods().stream().anyMatch(p -> p.labels().containsValue(value))
                    || world.namespaces().stream().anyMatch(n -> n.labels().containsValue(value));
            if (!used) {
                r.error("variants.labelValues." + value, "no pod or namespace of the world has a label with value \"" + value + "\"");
            }
        });
        Map<String, List<String>> ports = r.textListMap(node, "variants", "ports");
        ports.forEach((port, alts) -> {
            boolean used = port.chars().allMatch(Character::isDigit)
                    && world.pods().stream().anyMatch(p -> p.ports().stream().anyMatch(wp -> String.valueOf(wp.port()).equals(port)));
            if (!used) {
                r.error("variants.ports." + port, "no pod of the world serves port " + port);
            }
            for (String a : alts) {
                if (!a.chars().allMatch(Character::isDigit) || a.isEmpty() || Integer.parseInt(a) < 1 || Integer.parseInt(a) > 65535) {
                    r.error("variants.ports." + port, "Invalid value: \"" + a + "\": must be a port number");
                }
            }
        });
        return new Variants(ns, labels, ports);
    }
}
