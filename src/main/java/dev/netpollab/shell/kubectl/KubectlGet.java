package dev.netpollab.shell.kubectl;

import dev.netpollab.grade.TextTable;
import dev.netpollab.shell.ShellError;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "get", description = "Display resources: ns, pods, svc, endpoints, endpointslices, netpol (like kubectl get).")
public final class KubectlGet extends KubectlCommand {
    @Parameters(index = "0", paramLabel = "TYPE[,TYPE...]|TYPE/NAME", description = "e.g. netpol, pods,svc or netpol/NAME.")
    String type;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "NAME")
    List<String> names = new ArrayList<>();

    @Option(names = {"-A", "--all-namespaces"}, description = "List across all namespaces.")
    boolean all;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "json, yaml, name, wide, jsonpath=TEMPLATE, custom-columns=SPEC.")
    String output;

    @Option(names = "--show-labels", description = "Show the labels as the last column.")
    boolean showLabels;

    @Option(names = "--no-headers", description = "No header line in tables.")
    boolean noHeaders;

    @Option(names = {"-l", "--selector"}, paramLabel = "SELECTOR", description = "k=v, k!=v, 'k in (a,b)', 'k notin (a,b)', k, !k; comma-separated.")
    String selector;

    /** One requested type with the names asked for (none: list them all). */
    private record Request(ResourceType type, List<String> names) {
    }

    @Override
    protected void run() {
        Output out = Output.parse(output);
        List<Request> requests = requests();
        String ns = all ? null : namespace();
        LabelSelector sel = selector == null ? null : Labels.parseSelector(selector);
        boolean byName = requests.stream().anyMatch(r -> !r.names().isEmpty());
        boolean single = requests.size() == 1 && requests.get(0).names().size() == 1;
        boolean prefixed = requests.size() > 1 || type.contains("/");
        Map<ResourceType, List<HasMetadata>> found = new LinkedHashMap<>();
        List<String> errors = new ArrayList<>();
        for (Request r : requests) {
            List<HasMetadata> items = new ArrayList<>();
            if (r.names().isEmpty()) {
                items.addAll(list(r.type(), ns));
            } else {
                for (String n : r.names()) {
                    HasMetadata o = find(r.type(), ns == null ? namespace() : ns, n);
                    if (o == null) {
                        errors.add(r.type().notFoundText(n));
                    } else {
                        items.add(o);
                    }
                }
            }
            if (sel != null) {
                items.removeIf(o -> !Labels.matches(sel, o.getMetadata().getLabels()));
            }
            items.sort(Comparator.comparing((HasMetadata o) -> o.getMetadata().getNamespace() == null ? "" : o.getMetadata().getNamespace())
                    .thenComparing(o -> o.getMetadata().getName()));
            found.put(r.type(), items);
        }
        List<HasMetadata> everything = found.values().stream().flatMap(List::stream).toList();
        if (!out.table()) {
            // One name that is not there: kubectl returns the NotFound alone (get.go, singleItemImplied), no empty List.
            if (!(everything.isEmpty() && (out.kind().equals("name") || single && !errors.isEmpty()))) {
                // Printed as kubectl prints it; a line end only where the text lacks one, so the prompt starts a line.
                out.print(everything, single, o -> ResourceType.find(o.getKind()).map(ResourceType::singular).orElse(o.getKind().toLowerCase())
                        + "/" + o.getMetadata().getName()).forEach(text -> s.out().print(text.endsWith("\n") ? text : text + "\n"));
            }
        } else if (everything.isEmpty()) {
            if (!byName) {
                boolean namespaced = requests.stream().anyMatch(r -> r.type().namespaced());
                s.out().println(ns == null || !namespaced ? "No resources found" : "No resources found in " + ns + " namespace.");
            }
        } else {
            boolean first = true;
            for (var e : found.entrySet()) {
                if (e.getValue().isEmpty()) {
                    continue;
                }
                if (!first) {
                    s.out().println();
                }
                first = false;
                table(e.getKey(), e.getValue(), ns == null && e.getKey().namespaced(), prefixed, "wide".equals(out.kind()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ShellError(String.join("\n", errors));
        }
    }

    /** {@code netpol}, {@code netpol,pods NAME}, {@code netpol/NAME pod/NAME}: kubectl's ways of naming what to get. */
    private List<Request> requests() {
        if (type.contains("/")) {
            Map<ResourceType, List<String>> byType = new LinkedHashMap<>();
            List<String> args = new ArrayList<>(List.of(type));
            args.addAll(names);
            for (String a : args) {
                int slash = a.indexOf('/');
                if (slash <= 0 || slash == a.length() - 1) {
                    throw Names.typeGivenTwice();
                }
                byType.computeIfAbsent(typeOf(a.substring(0, slash)), t -> new ArrayList<>()).add(a.substring(slash + 1));
            }
            return byType.entrySet().stream().map(e -> new Request(e.getKey(), e.getValue())).toList();
        }
        if (names.stream().anyMatch(n -> n.contains("/"))) {
            throw Names.typeGivenTwice();
        }
        List<Request> out = new ArrayList<>();
        for (String t : type.split(",")) {
            if (t.equals("all")) {
                out.add(new Request(ResourceType.POD, names));
                out.add(new Request(ResourceType.SERVICE, names));
                continue;
            }
            if (ResourceType.EMPTY_KINDS.contains(t.toLowerCase())) {
                continue;
            }
            out.add(new Request(typeOf(t), names));
        }
        return out;
    }

    private static ResourceType typeOf(String word) {
        return ResourceType.parse(word);
    }

    private void table(ResourceType t, List<HasMetadata> items, boolean withNamespace, boolean prefixed, boolean wide) {
        Instant now = s.clock().instant();
        List<String> headers = new ArrayList<>();
        if (withNamespace) {
            headers.add("NAMESPACE");
        }
        headers.addAll(Tables.headers(t, wide));
        if (showLabels) {
            headers.add("LABELS");
        }
        TextTable table = new TextTable(headers.toArray(String[]::new));
        for (HasMetadata o : items) {
            List<Object> row = new ArrayList<>();
            if (withNamespace) {
                row.add(o.getMetadata().getNamespace());
            }
            row.add(prefixed ? t.singular() + "/" + o.getMetadata().getName() : o.getMetadata().getName());
            row.addAll(Tables.cells(t, o, wide, now));
            if (showLabels) {
                row.add(Selectors.labels(o.getMetadata().getLabels()));
            }
            table.row(row.toArray());
        }
        List<String> lines = table.lines();
        (noHeaders ? lines.subList(1, lines.size()) : lines).forEach(s.out()::println);
    }

    /** What kubectl shows without the noise of managed fields. */
    static HasMetadata clean(HasMetadata o) {
        return Output.clean(o);
    }
}
