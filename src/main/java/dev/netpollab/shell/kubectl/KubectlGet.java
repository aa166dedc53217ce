package dev.netpollab.shell.kubectl;

import dev.netpollab.grade.TextTable;
import dev.netpollab.lab.ClusterSnapshot;
import dev.netpollab.scenario.KubeYaml;
import dev.netpollab.shell.ShellCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

@Command(name = "get", description = "Display resources: ns, pods, svc, netpol (like kubectl get).")
public final class KubectlGet extends ShellCommand {
    @Parameters(index = "0", paramLabel = "TYPE", description = "ns, pods, svc or netpol.")
    String type;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "NAME")
    List<String> names = new ArrayList<>();

    @Option(names = {"-n", "--namespace"}, paramLabel = "NS")
    String namespace;

    @Option(names = {"-A", "--all-namespaces"})
    boolean all;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "yaml, json, wide or name.")
    String output;

    @Option(names = "--show-labels")
    boolean showLabels;

    @Option(names = {"-l", "--selector"}, paramLabel = "k=v")
    String selector;

    @Override
    protected void run() {
        ResourceType t = ResourceType.parse(type);
        KubernetesClient c = s.lab().client();
        String ns = t.namespaced() ? (all ? null : namespace != null ? namespace : s.defaultNamespace()) : null;
        List<HasMetadata> items = new ArrayList<>();
        if (names.isEmpty()) {
            items.addAll(t.list(c, ns));
        } else {
            for (String n : names) {
                HasMetadata o = t.get(c, ns == null ? s.defaultNamespace() : ns, n);
                if (o == null) {
                    throw t.notFound(n);
                }
                items.add(o);
            }
        }
        if (selector != null) {
            Map<String, String> want = Labels.parseSelector(selector);
            items.removeIf(o -> !(o.getMetadata().getLabels() != null && o.getMetadata().getLabels().entrySet().containsAll(want.entrySet())));
        }
        items.sort(Comparator.comparing((HasMetadata o) -> o.getMetadata().getNamespace() == null ? "" : o.getMetadata().getNamespace())
                .thenComparing(o -> o.getMetadata().getName()));
        if ("yaml".equals(output) || "json".equals(output)) {
            Object shown = items.size() == 1 && !names.isEmpty() ? clean(items.get(0)) : listOf(items);
            String text = "yaml".equals(output) ? KubeYaml.toYaml(shown)
                    : tools.jackson.databind.json.JsonMapper.builder().build().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(KubeYaml.serialization().convertValue(shown, tools.jackson.databind.JsonNode.class)) + "\n";
            s.out().print(text);
            return;
        }
        if ("name".equals(output)) {
            items.forEach(o -> s.out().println(t.singular() + "/" + o.getMetadata().getName()));
            return;
        }
        if (output != null && !"wide".equals(output)) {
            throw new dev.netpollab.shell.ShellError("error: unable to match a printer suitable for the output format \"" + output
                    + "\", allowed formats are: json,name,wide,yaml");
        }
        if (items.isEmpty()) {
            s.out().println(ns == null ? "No resources found" : "No resources found in " + ns + " namespace.");
            return;
        }
        table(t, items, ns == null && t.namespaced());
    }

    private Object listOf(List<HasMetadata> items) {
        var list = new io.fabric8.kubernetes.api.model.KubernetesListBuilder().withItems(items.stream().map(KubectlGet::clean).toList()).build();
        list.setApiVersion("v1");
        list.setKind("List");
        return list;
    }

    /** What kubectl shows without the noise of managed fields. */
    static HasMetadata clean(HasMetadata o) {
        HasMetadata copy = KubeYaml.serialization().clone(o);
        copy.getMetadata().setManagedFields(null);
        return copy;
    }

    private void table(ResourceType t, List<HasMetadata> items, boolean withNamespace) {
        boolean wide = "wide".equals(output);
        Instant now = s.clock().instant();
        List<String> headers = new ArrayList<>();
        if (withNamespace) {
            headers.add("NAMESPACE");
        }
        headers.add("NAME");
        switch (t) {
            case NAMESPACE -> headers.addAll(List.of("STATUS", "AGE"));
            case POD -> {
                headers.addAll(List.of("READY", "STATUS", "RESTARTS", "AGE"));
                if (wide) {
                    headers.addAll(List.of("IP", "NODE"));
                }
            }
            case SERVICE -> {
                headers.addAll(List.of("TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"));
                if (wide) {
                    headers.add("SELECTOR");
                }
            }
            case NETWORKPOLICY -> headers.addAll(List.of("POD-SELECTOR", "AGE"));
        }
        if (showLabels) {
            headers.add("LABELS");
        }
        TextTable table = new TextTable(headers.toArray(String[]::new));
        for (HasMetadata o : items) {
            List<Object> row = new ArrayList<>();
            if (withNamespace) {
                row.add(o.getMetadata().getNamespace());
            }
            row.add(o.getMetadata().getName());
            switch (t) {
                case NAMESPACE -> row.addAll(List.of("Active", Ages.of(o, now)));
                case POD -> {
                    Pod p = (Pod) o;
                    int containers = p.getSpec().getContainers().size();
                    boolean ready = ClusterSnapshot.ready(p);
                    String phase = p.getStatus() == null || p.getStatus().getPhase() == null ? "Pending" : p.getStatus().getPhase();
                    row.addAll(List.of((ready ? containers : 0) + "/" + containers, phase, 0, Ages.of(o, now)));
                    if (wide) {
                        row.add(p.getStatus() == null || p.getStatus().getPodIP() == null ? "<none>" : p.getStatus().getPodIP());
                        row.add(p.getSpec().getNodeName() == null ? s.lab().kind() : p.getSpec().getNodeName());
                    }
                }
                case SERVICE -> {
                    Service svc = (Service) o;
                    String ports = svc.getSpec().getPorts().stream().map(sp -> sp.getPort() + "/" + (sp.getProtocol() == null ? "TCP" : sp.getProtocol()))
                            .collect(Collectors.joining(","));
                    row.addAll(List.of(svc.getSpec().getType() == null ? "ClusterIP" : svc.getSpec().getType(),
                            svc.getSpec().getClusterIP() == null ? "<none>" : svc.getSpec().getClusterIP(), "<none>", ports, Ages.of(o, now)));
                    if (wide) {
                        row.add(Selectors.labels(svc.getSpec().getSelector()));
                    }
                }
                case NETWORKPOLICY -> row.addAll(List.of(Selectors.text(((NetworkPolicy) o).getSpec().getPodSelector()), Ages.of(o, now)));
            }
            if (showLabels) {
                row.add(Selectors.labels(o.getMetadata().getLabels()));
            }
            table.row(row.toArray());
        }
        table.lines().forEach(s.out()::println);
    }
}
