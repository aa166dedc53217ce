package dev.netpollab.shell.kubectl;

import dev.netpollab.lab.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** kubectl's table columns per type, as its built-in printers (pkg/printers/internalversion) lay them out. */
final class Tables {
    private Tables() {
    }

    static List<String> headers(ResourceType t, boolean wide) {
        List<String> h = new ArrayList<>(List.of("NAME"));
        switch (t) {
            case NAMESPACE -> h.addAll(List.of("STATUS", "AGE"));
            case POD -> {
                h.addAll(List.of("READY", "STATUS", "RESTARTS", "AGE"));
                if (wide) {
                    h.addAll(List.of("IP", "NODE", "NOMINATED NODE", "READINESS GATES"));
                }
            }
            case SERVICE -> {
                h.addAll(List.of("TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"));
                if (wide) {
                    h.add("SELECTOR");
                }
            }
            case ENDPOINTS -> h.addAll(List.of("ENDPOINTS", "AGE"));
            case ENDPOINTSLICE -> h.addAll(List.of("ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"));
            case NETWORKPOLICY -> h.addAll(List.of("POD-SELECTOR", "AGE"));
        }
        return h;
    }

    /** The cells after NAME. */
    static List<String> cells(ResourceType t, HasMetadata o, boolean wide, Instant now) {
        String age = Ages.of(o, now);
        List<String> row = new ArrayList<>();
        switch (t) {
            case NAMESPACE -> row.addAll(List.of("Active", age));
            case POD -> {
                Pod p = (Pod) o;
                int containers = p.getSpec().getContainers().size();
                boolean ready = ClusterSnapshot.ready(p);
                String phase = p.getStatus() == null || p.getStatus().getPhase() == null ? "Pending" : p.getStatus().getPhase();
                row.addAll(List.of((ready ? containers : 0) + "/" + containers, phase, "0", age));
                if (wide) {
                    row.add(p.getStatus() == null || p.getStatus().getPodIP() == null ? "<none>" : p.getStatus().getPodIP());
                    row.add(p.getSpec().getNodeName() == null ? "<none>" : p.getSpec().getNodeName());
                    row.addAll(List.of("<none>", "<none>"));
                }
            }
            case SERVICE -> {
                Service svc = (Service) o;
                String type = svc.getSpec().getType() == null ? "ClusterIP" : svc.getSpec().getType();
                row.addAll(List.of(type, svc.getSpec().getClusterIP() == null ? "<none>" : svc.getSpec().getClusterIP(), "<none>",
                        servicePorts(svc), age));
                if (wide) {
                    row.add(Selectors.labels(svc.getSpec().getSelector()));
                }
            }
            case ENDPOINTS -> row.addAll(List.of(endpoints((Endpoints) o), age));
            case ENDPOINTSLICE -> {
                EndpointSlice es = (EndpointSlice) o;
                String ports = es.getPorts() == null || es.getPorts().isEmpty() ? "<unset>"
                        : es.getPorts().stream().map(p -> String.valueOf(p.getPort())).collect(Collectors.joining(","));
                List<String> addresses = new ArrayList<>();
                if (es.getEndpoints() != null) {
                    es.getEndpoints().forEach(e -> addresses.addAll(e.getAddresses()));
                }
                row.addAll(List.of(es.getAddressType(), ports, addresses.isEmpty() ? "<unset>" : firstThree(addresses), age));
            }
            case NETWORKPOLICY -> row.addAll(List.of(Selectors.text(((NetworkPolicy) o).getSpec().getPodSelector()), age));
        }
        return row;
    }

    /** {@code 80/TCP,443:30443/TCP}. */
    static String servicePorts(Service svc) {
        if (svc.getSpec().getPorts() == null || svc.getSpec().getPorts().isEmpty()) {
            return "<none>";
        }
        List<String> out = new ArrayList<>();
        for (ServicePort sp : svc.getSpec().getPorts()) {
            out.add(sp.getPort() + (sp.getNodePort() == null ? "" : ":" + sp.getNodePort()) + "/" + (sp.getProtocol() == null ? "TCP" : sp.getProtocol()));
        }
        return String.join(",", out);
    }

    /** kubectl's formatEndpoints: {@code ip:port} per subset, port and address, three at most, then "+ N more...". */
    static String endpoints(Endpoints e) {
        List<String> all = new ArrayList<>();
        if (e.getSubsets() != null) {
            for (EndpointSubset ss : e.getSubsets()) {
                List<EndpointPort> ports = ss.getPorts() == null || ss.getPorts().isEmpty() ? List.of(new EndpointPort()) : ss.getPorts();
                for (EndpointPort p : ports) {
                    for (EndpointAddress a : ss.getAddresses() == null ? List.<EndpointAddress>of() : ss.getAddresses()) {
                        all.add(p.getPort() == null ? a.getIp() : a.getIp() + ":" + p.getPort());
                    }
                }
            }
        }
        return all.isEmpty() ? "<none>" : firstThree(all);
    }

    private static String firstThree(List<String> all) {
        String shown = String.join(",", all.subList(0, Math.min(3, all.size())));
        return all.size() > 3 ? shown + " + " + (all.size() - 3) + " more..." : shown;
    }
}
