package dev.netpollab.shell.kubectl;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** kubectl's describers for the world's objects, with the fields that matter for network policy. */
final class Describers {
    /** kubectl describe never shows this one: it is apply's bookkeeping, not the user's. */
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    private Describers() {
    }

    static void describe(ResourceType t, HasMetadata o, List<? extends HasMetadata> endpoints, PrintWriter out) {
        switch (t) {
            case POD -> pod((Pod) o, out);
            case SERVICE -> service((Service) o, endpoints, out);
            case NAMESPACE -> namespace((Namespace) o, out);
            default -> throw new IllegalArgumentException(t.name());
        }
    }

    /** One {@code k=v} per line, aligned under the first (kubectl's printLabelsMultiline). */
    static String multiline(Map<String, String> labels, int width) {
        Map<String, String> shown = new TreeMap<>(labels == null ? Map.of() : labels);
        shown.remove(LAST_APPLIED);
        if (shown.isEmpty()) {
            return "<none>";
        }
        List<String> parts = new ArrayList<>();
        shown.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join("\n" + " ".repeat(width), parts);
    }

    private static void line(PrintWriter out, int width, String field, Object value) {
        out.println(String.format("%-" + width + "s", field) + value);
    }

    static void pod(Pod p, PrintWriter out) {
        int w = 18;
        line(out, w, "Name:", p.getMetadata().getName());
        line(out, w, "Namespace:", p.getMetadata().getNamespace());
        line(out, w, "Service Account:", p.getSpec().getServiceAccountName() == null ? "default" : p.getSpec().getServiceAccountName());
        line(out, w, "Node:", p.getSpec().getNodeName() == null ? "<none>" : p.getSpec().getNodeName());
        line(out, w, "Labels:", multiline(p.getMetadata().getLabels(), w));
        line(out, w, "Annotations:", multiline(p.getMetadata().getAnnotations(), w));
        String phase = p.getStatus() == null || p.getStatus().getPhase() == null ? "Pending" : p.getStatus().getPhase();
        line(out, w, "Status:", phase);
        String ip = p.getStatus() == null || p.getStatus().getPodIP() == null ? "" : p.getStatus().getPodIP();
        line(out, w, "IP:", ip);
        out.println("IPs:");
        if (!ip.isEmpty()) {
            out.println("  IP:  " + ip);
        }
        out.println("Containers:");
        for (Container c : p.getSpec().getContainers()) {
            out.println("  " + c.getName() + ":");
            out.println("    Image:        " + c.getImage());
            List<String> ports = new ArrayList<>();
            for (ContainerPort cp : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
                ports.add(cp.getContainerPort() + "/" + (cp.getProtocol() == null ? "TCP" : cp.getProtocol())
                        + (cp.getName() == null ? "" : " (" + cp.getName() + ")"));
            }
            out.println("    " + (ports.size() > 1 ? "Ports:        " : "Port:         ") + (ports.isEmpty() ? "<none>" : String.join(", ", ports)));
            out.println("    Ready:        " + dev.netpollab.lab.ClusterSnapshot.ready(p));
        }
        out.println("Conditions:");
        out.println("  Type              Status");
        if (p.getStatus() != null && p.getStatus().getConditions() != null) {
            p.getStatus().getConditions().forEach(c -> out.println("  " + String.format("%-18s", c.getType()) + c.getStatus()));
        }
        out.println("Events:            <none>");
    }

    static void service(Service svc, List<? extends HasMetadata> endpoints, PrintWriter out) {
        int w = 26;
        line(out, w, "Name:", svc.getMetadata().getName());
        line(out, w, "Namespace:", svc.getMetadata().getNamespace());
        line(out, w, "Labels:", multiline(svc.getMetadata().getLabels(), w));
        line(out, w, "Annotations:", multiline(svc.getMetadata().getAnnotations(), w));
        line(out, w, "Selector:", Selectors.labels(svc.getSpec().getSelector()));
        line(out, w, "Type:", svc.getSpec().getType() == null ? "ClusterIP" : svc.getSpec().getType());
        line(out, w, "IP Family Policy:", svc.getSpec().getIpFamilyPolicy() == null ? "SingleStack" : svc.getSpec().getIpFamilyPolicy());
        line(out, w, "IP Families:", "IPv4");
        line(out, w, "IP:", svc.getSpec().getClusterIP() == null ? "None" : svc.getSpec().getClusterIP());
        line(out, w, "IPs:", svc.getSpec().getClusterIP() == null ? "None" : svc.getSpec().getClusterIP());
        Endpoints ep = endpoints.stream().filter(e -> e.getMetadata().getName().equals(svc.getMetadata().getName())).map(e -> (Endpoints) e)
                .findFirst().orElse(null);
        for (ServicePort sp : svc.getSpec().getPorts()) {
            String protocol = sp.getProtocol() == null ? "TCP" : sp.getProtocol();
            line(out, w, "Port:", (sp.getName() == null ? "<unset>" : sp.getName()) + "  " + sp.getPort() + "/" + protocol);
            String target = sp.getTargetPort() == null ? String.valueOf(sp.getPort())
                    : sp.getTargetPort().getIntVal() != null ? String.valueOf(sp.getTargetPort().getIntVal()) : sp.getTargetPort().getStrVal();
            line(out, w, "TargetPort:", target + "/" + protocol);
            line(out, w, "Endpoints:", ep == null ? "" : endpointsFor(ep, sp.getName()));
        }
        line(out, w, "Session Affinity:", svc.getSpec().getSessionAffinity() == null ? "None" : svc.getSpec().getSessionAffinity());
        line(out, w, "Internal Traffic Policy:", "Cluster");
        line(out, w, "Events:", "<none>");
    }

    /** The {@code ip:port} pairs of one named Service port. */
    private static String endpointsFor(Endpoints ep, String portName) {
        List<String> out = new ArrayList<>();
        if (ep.getSubsets() != null) {
            for (var ss : ep.getSubsets()) {
                for (var p : ss.getPorts() == null ? List.<io.fabric8.kubernetes.api.model.EndpointPort>of() : ss.getPorts()) {
                    if (java.util.Objects.equals(p.getName(), portName) && ss.getAddresses() != null) {
                        ss.getAddresses().forEach(a -> out.add(a.getIp() + ":" + p.getPort()));
                    }
                }
            }
        }
        return String.join(",", out);
    }

    static void namespace(Namespace ns, PrintWriter out) {
        int w = 14;
        line(out, w, "Name:", ns.getMetadata().getName());
        line(out, w, "Labels:", multiline(ns.getMetadata().getLabels(), w));
        line(out, w, "Annotations:", multiline(ns.getMetadata().getAnnotations(), w));
        line(out, w, "Status:", "Active");
        out.println();
        out.println("No resource quota.");
        out.println();
        out.println("No LimitRange resource.");
    }
}
