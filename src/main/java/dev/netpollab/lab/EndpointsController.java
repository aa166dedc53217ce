package dev.netpollab.lab;

import dev.netpollab.policy.PodInfo;
import dev.netpollab.policy.Protocol;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The endpoints and EndpointSlice controllers of a real control plane, for the embedded API server: every
 * Service with a selector gets an Endpoints object of the same name and EndpointSlices labelled
 * {@code kubernetes.io/service-name}, listing the matching pods with the targetPort resolved per pod (a named
 * targetPort can map to different numbers, so pods are grouped by their resolved ports). Services without a
 * selector are left alone: their endpoints are written by hand (or, for {@code kubernetes}, by the API server).
 */
final class EndpointsController {
    static final String MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
    static final String CONTROLLER = "endpointslice-controller.k8s.io";
    /** The alphabet of generated name suffixes (no vowels, no look-alikes), as the API server uses. */
    private static final String SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    /** The object store the controller reads and writes, by API path. */
    interface Store {
        <T extends HasMetadata> List<T> list(String collectionPath, Class<T> type);

        void create(String collectionPath, HasMetadata o);

        void update(String objectPath, HasMetadata o);

        void delete(String objectPath);
    }

    private final Store store;

    EndpointsController(Store store) {
        this.store = store;
    }

    static String endpointsPath(String ns) {
        return "/api/v1/namespaces/" + ns + "/endpoints";
    }

    static String slicesPath(String ns) {
        return "/apis/discovery.k8s.io/v1/namespaces/" + ns + "/endpointslices";
    }

    /** Brings the endpoints of every Service of the namespace in line with its pods. */
    void reconcile(String ns) {
        List<Service> services = store.list("/api/v1/namespaces/" + ns + "/services", Service.class);
        List<Service> selecting = services.stream().filter(s -> s.getSpec() != null && s.getSpec().getSelector() != null
                && !s.getSpec().getSelector().isEmpty()).toList();
        List<Endpoints> endpoints = store.list(endpointsPath(ns), Endpoints.class);
        List<EndpointSlice> slices = store.list(slicesPath(ns), EndpointSlice.class);
        List<Pod> pods = selecting.isEmpty() ? List.of() : store.list("/api/v1/namespaces/" + ns + "/pods", Pod.class);
        for (Service svc : selecting) {
            Map<List<EndpointPort>, List<Pod>> groups = groups(svc, pods);
            sync(ns, endpoints(svc, groups), endpoints.stream().filter(e -> e.getMetadata().getName().equals(svc.getMetadata().getName())).findFirst(),
                    endpointsPath(ns));
            List<EndpointSlice> own = slices.stream().filter(s -> isManaged(s) && svc.getMetadata().getName().equals(serviceOf(s)))
                    .sorted(Comparator.comparing(s -> s.getMetadata().getName())).toList();
            List<EndpointSlice> wanted = slices(svc, groups);
            for (int i = 0; i < wanted.size(); i++) {
                Optional<EndpointSlice> existing = i < own.size() ? Optional.of(own.get(i)) : Optional.empty();
                EndpointSlice w = wanted.get(i);
                if (existing.isPresent()) {
                    w.getMetadata().setName(existing.get().getMetadata().getName());
                }
                sync(ns, w, existing, slicesPath(ns));
            }
            own.stream().skip(wanted.size()).forEach(s -> store.delete(slicesPath(ns) + "/" + s.getMetadata().getName()));
        }
        // Endpoints of Services that are gone, or lost their selector, go with them (only what the controller made).
        List<String> names = selecting.stream().map(s -> s.getMetadata().getName()).toList();
        List<String> all = services.stream().map(s -> s.getMetadata().getName()).toList();
        for (Endpoints e : endpoints) {
            String n = e.getMetadata().getName();
            if (!names.contains(n) && (!all.contains(n) || isManaged(e))) {
                store.delete(endpointsPath(ns) + "/" + n);
            }
        }
        for (EndpointSlice s : slices) {
            if (isManaged(s) && !names.contains(serviceOf(s))) {
                store.delete(slicesPath(ns) + "/" + s.getMetadata().getName());
            }
        }
    }

    private void sync(String ns, HasMetadata wanted, Optional<? extends HasMetadata> existing, String collection) {
        if (existing.isEmpty()) {
            store.create(collection, wanted);
            return;
        }
        HasMetadata e = existing.get();
        if (!sameContent(e, wanted)) {
            wanted.getMetadata().setResourceVersion(e.getMetadata().getResourceVersion());
            wanted.getMetadata().setUid(e.getMetadata().getUid());
            wanted.getMetadata().setCreationTimestamp(e.getMetadata().getCreationTimestamp());
            store.update(collection + "/" + e.getMetadata().getName(), wanted);
        }
    }

    private static boolean sameContent(HasMetadata a, HasMetadata b) {
        if (a instanceof Endpoints ea && b instanceof Endpoints eb) {
            return Objects.equals(nullToEmpty(ea.getSubsets()), nullToEmpty(eb.getSubsets()))
                    && Objects.equals(ea.getMetadata().getLabels(), eb.getMetadata().getLabels());
        }
        if (a instanceof EndpointSlice sa && b instanceof EndpointSlice sb) {
            return Objects.equals(nullToEmpty(sa.getEndpoints()), nullToEmpty(sb.getEndpoints()))
                    && Objects.equals(nullToEmpty(sa.getPorts()), nullToEmpty(sb.getPorts()))
                    && Objects.equals(sa.getMetadata().getLabels(), sb.getMetadata().getLabels());
        }
        return false;
    }

    private static <T> List<T> nullToEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static boolean isManaged(HasMetadata o) {
        return o.getMetadata().getLabels() != null && CONTROLLER.equals(o.getMetadata().getLabels().get(MANAGED_BY));
    }

    private static String serviceOf(EndpointSlice s) {
        return s.getMetadata().getLabels() == null ? null : s.getMetadata().getLabels().get(StandardCluster.SERVICE_NAME_LABEL);
    }

    /** The selected pods that have an IP, grouped by the Service ports as resolved on each pod. */
    static Map<List<EndpointPort>, List<Pod>> groups(Service svc, List<Pod> pods) {
        Map<String, String> selector = svc.getSpec().getSelector();
        Map<List<EndpointPort>, List<Pod>> out = new LinkedHashMap<>();
        pods.stream().filter(p -> p.getStatus() != null && p.getStatus().getPodIP() != null && p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> p.getMetadata().getLabels() != null && p.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .forEach(p -> out.computeIfAbsent(ports(svc, p), k -> new ArrayList<>()).add(p));
        return out;
    }

    /** The Service's ports on this pod: a numeric targetPort as is, a named one through the pod's container ports. */
    private static List<EndpointPort> ports(Service svc, Pod pod) {
        PodInfo info = ClusterSnapshot.podInfo(pod);
        List<EndpointPort> out = new ArrayList<>();
        for (ServicePort sp : svc.getSpec().getPorts()) {
            Protocol protocol = Protocol.orDefault(sp.getProtocol());
            Integer target = sp.getTargetPort() == null ? sp.getPort()
                    : sp.getTargetPort().getIntVal() != null ? sp.getTargetPort().getIntVal()
                    : info.namedPort(sp.getTargetPort().getStrVal(), protocol).map(c -> c.port()).orElse(null);
            if (target != null) {
                out.add(new EndpointPortBuilder().withName(sp.getName()).withPort(target).withProtocol(protocol.name()).build());
            }
        }
        return out;
    }

    private static Endpoints endpoints(Service svc, Map<List<EndpointPort>, List<Pod>> groups) {
        List<EndpointSubset> subsets = new ArrayList<>();
        groups.forEach((ports, pods) -> {
            if (ports.isEmpty()) {
                return;
            }
            List<EndpointAddress> ready = new ArrayList<>();
            List<EndpointAddress> notReady = new ArrayList<>();
            for (Pod p : pods) {
                (ClusterSnapshot.ready(p) ? ready : notReady).add(new EndpointAddressBuilder().withIp(p.getStatus().getPodIP())
                        .withNodeName(p.getSpec() == null ? null : p.getSpec().getNodeName())
                        .withTargetRef(new ObjectReferenceBuilder().withKind("Pod").withName(p.getMetadata().getName())
                                .withNamespace(p.getMetadata().getNamespace()).withUid(p.getMetadata().getUid()).build()).build());
            }
            subsets.add(new io.fabric8.kubernetes.api.model.EndpointSubsetBuilder().withAddresses(ready.isEmpty() ? null : ready)
                    .withNotReadyAddresses(notReady.isEmpty() ? null : notReady).withPorts(ports).build());
        });
        return new EndpointsBuilder().withNewMetadata().withName(svc.getMetadata().getName()).withNamespace(svc.getMetadata().getNamespace())
                .withLabels(svc.getMetadata().getLabels()).endMetadata().withSubsets(subsets.isEmpty() ? null : subsets).build();
    }

    private static List<EndpointSlice> slices(Service svc, Map<List<EndpointPort>, List<Pod>> groups) {
        List<EndpointSlice> out = new ArrayList<>();
        String name = svc.getMetadata().getName();
        Map<List<EndpointPort>, List<Pod>> nonEmpty = groups.isEmpty() ? Map.of(List.of(), List.of()) : groups;
        int i = 0;
        for (var g : nonEmpty.entrySet()) {
            Map<String, String> labels = new LinkedHashMap<>(svc.getMetadata().getLabels() == null ? Map.of() : svc.getMetadata().getLabels());
            labels.put(StandardCluster.SERVICE_NAME_LABEL, name);
            labels.put(MANAGED_BY, CONTROLLER);
            List<Endpoint> eps = g.getValue().stream().map(p -> new EndpointBuilder().withAddresses(p.getStatus().getPodIP())
                    .withNewConditions().withReady(ClusterSnapshot.ready(p)).withServing(ClusterSnapshot.ready(p)).withTerminating(false).endConditions()
                    .withNodeName(p.getSpec() == null ? null : p.getSpec().getNodeName())
                    .withTargetRef(new ObjectReferenceBuilder().withKind("Pod").withName(p.getMetadata().getName())
                            .withNamespace(p.getMetadata().getNamespace()).withUid(p.getMetadata().getUid()).build()).build()).toList();
            List<io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort> ports = g.getKey().stream()
                    .map(ep -> new io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder().withName(ep.getName()).withPort(ep.getPort())
                            .withProtocol(ep.getProtocol()).build()).toList();
            out.add(new EndpointSliceBuilder().withNewMetadata().withName(name + "-" + suffix(svc.getMetadata().getNamespace() + "/" + name + "/" + i++))
                    .withGenerateName(name + "-").withNamespace(svc.getMetadata().getNamespace()).withLabels(labels)
                    .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Service").withName(name)
                            .withUid(svc.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).build())
                    .endMetadata().withAddressType("IPv4").withEndpoints(eps).withPorts(ports.isEmpty() ? null : ports).build());
        }
        return out;
    }

    /** Five characters in the style of generateName, but stable, so reconciling twice changes nothing. */
    static String suffix(String seed) {
        long h = seed.hashCode() & 0xffffffffL;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            b.append(SUFFIX_ALPHABET.charAt((int) (h % SUFFIX_ALPHABET.length())));
            h = h / SUFFIX_ALPHABET.length() + (long) seed.length() * 31 * (i + 1);
        }
        return b.toString();
    }
}
