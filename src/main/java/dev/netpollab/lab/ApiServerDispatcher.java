package dev.netpollab.lab;

import dev.netpollab.policy.FieldError;
import dev.netpollab.policy.PolicyValidator;
import dev.netpollab.scenario.KubeYaml;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import tools.jackson.core.JacksonException;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The thin layer that makes fabric8's CRUD mock behave like a real API server for what netpol-lab
 * touches: NetworkPolicies are decoded strictly, validated and defaulted (422 with the API server's
 * message on invalid input); namespaces get {@code kubernetes.io/metadata.name}; pods get an IP and a
 * Running/Ready status and a node (the CNI's, the scheduler's and the kubelet's work in a real cluster), and keep
 * that status when updated (status is a subresource); Services get a ClusterIP and keep it; Endpoints and
 * EndpointSlices follow Services and pods ({@link EndpointsController}); names are validated; the namespaces a
 * cluster cannot live without cannot be deleted.
 */
final class ApiServerDispatcher extends KubernetesCrudDispatcher {
    private static final Pattern NAMESPACE_PATH = Pattern.compile("/api/v1/namespaces/([^/?]+)(\\?.*)?");
    private static final Pattern WORKLOAD_PATH = Pattern.compile("/api/v1/namespaces/([^/?]+)/(pods|services)(/([^/?]+))?(\\?.*)?");
    private static final List<String> NAMESPACE_CONTENTS = List.of("/apis/networking.k8s.io/v1/namespaces/%s/networkpolicies",
            "/api/v1/namespaces/%s/services", "/api/v1/namespaces/%s/pods", "/api/v1/namespaces/%s/serviceaccounts",
            "/api/v1/namespaces/%s/endpoints", "/apis/discovery.k8s.io/v1/namespaces/%s/endpointslices");
    /** The node every pod of the embedded lab runs on. */
    static final String NODE = "embedded";
    private static final String DNS1035_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
            + "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
            + "'[a-z]([-a-z0-9]*[a-z0-9])?')";
    private final KubernetesSerialization json = KubeYaml.serialization();
    private final PodIps podIps = new PodIps();
    private final Set<String> serviceIps = new HashSet<>();
    private int nextServiceIp = 11;
    private final EndpointsController endpoints = new EndpointsController(new Store());

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        return admit(request, true);
    }

    @Override
    public MockResponse handleUpdate(RecordedRequest request) {
        return admit(request, false);
    }

    @Override
    public MockResponse handlePatch(RecordedRequest request) {
        MockResponse r = super.handlePatch(request);
        afterWrite(request.getPath(), r);
        return r;
    }

    private MockResponse admit(RecordedRequest request, boolean create) {
        String path = request.getPath();
        // getBytes, not getUtf8Body: reading the body as UTF-8 drains the buffer, and the request is forwarded as it came
        // for kinds this layer does not rewrite (an update of a Pod or Service then reached the store empty).
        String body = new String(request.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (path.contains("/networkpolicies")) {
                PolicyAdmission.Result admitted = PolicyAdmission.admit(body);
                if (!admitted.admitted()) {
                    return status(admitted.code(), admitted.reason(), admitted.message(), admitted.name(), "networking.k8s.io", "NetworkPolicy",
                            admitted.errors());
                }
                return forward(request, json.asJson(admitted.policy()), create);
            }
            if (path.startsWith("/api/v1/namespaces") && !path.matches("/api/v1/namespaces/[^/]+/.+")) {
                Namespace ns = json.unmarshal(body, Namespace.class);
                MockResponse badLabels = invalidLabels("Namespace", ns.getMetadata());
                if (badLabels != null) {
                    return badLabels;
                }
                if (create) {
                    MockResponse bad = invalidName("Namespace", ns.getMetadata() == null ? null : ns.getMetadata().getName(),
                            PolicyValidator::dns1123Label);
                    if (bad != null) {
                        return bad;
                    }
                }
                ns = ApiServerFacts.withNameLabel(ns);
                MockResponse r = forward(request, json.asJson(ns), create);
                if (create && r.code() < 300) {
                    // The service account controller gives every new namespace its "default" ServiceAccount.
                    String sa = "{\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"default\",\"namespace\":\""
                            + ns.getMetadata().getName() + "\"}}";
                    forward(new RecordedRequest(request.getHttpVersion(), HttpMethod.POST, "/api/v1/namespaces/" + ns.getMetadata().getName()
                            + "/serviceaccounts", request.getHeaders(), new Buffer()), sa, true);
                }
                return r;
            }
            Matcher w = WORKLOAD_PATH.matcher(path);
            if (w.matches()) {
                MockResponse r = w.group(2).equals("pods") ? admitPod(request, body, create) : admitService(request, body, create);
                afterWrite(path, r);
                return r;
            }
        } catch (JacksonException | IllegalArgumentException e) {
            return status(400, "BadRequest", "the request body could not be decoded: " + e.getMessage(), null, null, null, List.of());
        }
        return forward(request, body, create);
    }

    private MockResponse admitPod(RecordedRequest request, String body, boolean create) {
        Pod pod = json.unmarshal(body, Pod.class);
        MockResponse badLabels = invalidLabels("Pod", pod.getMetadata());
        if (badLabels != null) {
            return badLabels;
        }
        if (create) {
            MockResponse bad = invalidName("Pod", pod.getMetadata() == null ? null : pod.getMetadata().getName(), PolicyValidator::dns1123Subdomain);
            if (bad != null) {
                return bad;
            }
            if (pod.getSpec() != null && pod.getSpec().getNodeName() == null) {
                pod.getSpec().setNodeName(NODE);
            }
            return forward(request, json.asJson(ApiServerFacts.running(pod, podIps.next())), true);
        }
        // A PUT of the object never changes its status (a subresource), nor the node it was scheduled to.
        Pod stored = stored(request.getPath(), Pod.class);
        if (stored != null) {
            pod.setStatus(stored.getStatus());
            if (pod.getSpec() != null && stored.getSpec() != null && pod.getSpec().getNodeName() == null) {
                pod.getSpec().setNodeName(stored.getSpec().getNodeName());
            }
        }
        return forward(request, json.asJson(pod), false);
    }

    private MockResponse admitService(RecordedRequest request, String body, boolean create) {
        Service svc = json.unmarshal(body, Service.class);
        if (create) {
            MockResponse bad = invalidName("Service", svc.getMetadata() == null ? null : svc.getMetadata().getName(), (p, n) ->
                    n.matches("[a-z]([-a-z0-9]*[a-z0-9])?") && n.length() <= 63 ? List.of() : List.of(FieldError.invalid(p, n, DNS1035_MSG)));
            if (bad != null) {
                return bad;
            }
        }
        if (svc.getSpec() != null && svc.getSpec().getClusterIP() == null) {
            // An update that leaves the ClusterIP out keeps the allocated one, as the API server does.
            Service stored = create ? null : stored(request.getPath(), Service.class);
            String ip = stored != null && stored.getSpec() != null ? stored.getSpec().getClusterIP() : nextServiceIp();
            svc.getSpec().setClusterIP(ip);
            svc.getSpec().setClusterIPs(List.of(ip));
        } else if (svc.getSpec() != null) {
            synchronized (this) {
                serviceIps.add(svc.getSpec().getClusterIP());
            }
        }
        return forward(request, json.asJson(svc), create);
    }

    /** Deleting a namespace deletes what is in it, as the namespace controller of a real cluster does. */
    @Override
    public MockResponse handleDelete(String path) {
        Matcher m = NAMESPACE_PATH.matcher(path);
        if (m.matches()) {
            if (StandardCluster.IMMORTAL.contains(m.group(1))) {
                return status(403, "Forbidden", "namespaces \"" + m.group(1) + "\" is forbidden: this namespace may not be deleted", m.group(1),
                        null, "namespaces", List.of());
            }
            NAMESPACE_CONTENTS.forEach(collection -> super.handleDelete(collection.formatted(m.group(1))));
        }
        MockResponse r = super.handleDelete(path);
        afterWrite(path, r);
        return r;
    }

    /** After a pod or Service changed, the endpoints of the namespace follow (the endpoints controllers' work). */
    private void afterWrite(String path, MockResponse r) {
        Matcher w = WORKLOAD_PATH.matcher(path);
        if (r.code() < 300 && w.matches()) {
            endpoints.reconcile(w.group(1));
        }
    }

    private <T> T stored(String objectPath, Class<T> type) {
        MockResponse r = super.handleGet(objectPath.replaceAll("\\?.*", ""));
        return r.code() == 200 ? json.unmarshal(new String(r.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8), type) : null;
    }

    private synchronized String nextServiceIp() {
        while (true) {
            int n = nextServiceIp++;
            String ip = "10.43." + (n / 256) + "." + (n % 256);
            if (serviceIps.add(ip)) {
                return ip;
            }
        }
    }

    private MockResponse forward(RecordedRequest original, String body, boolean create) {
        Buffer buffer = new Buffer();
        buffer.writeUtf8(body);
        RecordedRequest changed = new RecordedRequest(original.getHttpVersion(), create ? HttpMethod.POST : HttpMethod.PUT,
                original.getPath(), original.getHeaders(), buffer);
        return create ? super.handleCreate(changed) : super.handleUpdate(changed);
    }

    /** 422 for a name the API server would refuse: {@code Pod "A b" is invalid: metadata.name: Invalid value: ...}. */
    private MockResponse invalidName(String kind, String name, java.util.function.BiFunction<String, String, List<FieldError>> rule) {
        if (name == null) {
            return null;
        }
        List<FieldError> errors = rule.apply("metadata.name", name);
        return errors.isEmpty() ? null : invalid(kind, null, kind, name, errors);
    }

    /** 422 for labels the API server refuses; a null value ({@code app:} in YAML) included, which selectors could not match. */
    private MockResponse invalidLabels(String kind, io.fabric8.kubernetes.api.model.ObjectMeta meta) {
        if (meta == null || meta.getLabels() == null) {
            return null;
        }
        List<FieldError> errors = PolicyValidator.labelErrors("metadata.labels", meta.getLabels());
        return errors.isEmpty() ? null : invalid(kind, null, kind, meta.getName(), errors);
    }

    /** 422 with the API server's wording: {@code NetworkPolicy.networking.k8s.io "x" is invalid: [...]}. */
    private MockResponse invalid(String qualifiedKind, String group, String kind, String name, List<FieldError> errors) {
        return status(422, "Invalid", PolicyAdmission.invalid(qualifiedKind, name, errors), name, group, kind, errors);
    }

    private MockResponse status(int code, String reason, String message, String name, String group, String kind, List<FieldError> errors) {
        Status st = new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message)
                .withNewDetails().withName(name).withGroup(group).withKind(kind)
                .withCauses(errors.stream().map(e -> new StatusCauseBuilder().withField(e.path())
                        .withReason("Field" + e.type().name().charAt(0) + e.type().name().substring(1).toLowerCase())
                        .withMessage(e.toString().substring(e.path().length() + 2)).build()).toList())
                .endDetails().build();
        st.setApiVersion("v1");
        st.setKind("Status");
        return new MockResponse().setResponseCode(code).setBody(json.asJson(st));
    }

    /** The controller's view of the store: the CRUD mock itself, so its writes are ordinary objects. */
    private final class Store implements EndpointsController.Store {
        @Override
        public <T extends io.fabric8.kubernetes.api.model.HasMetadata> List<T> list(String collectionPath, Class<T> type) {
            MockResponse r = ApiServerDispatcher.super.handleGet(collectionPath);
            if (r.code() != 200) {
                return List.of();
            }
            tools.jackson.databind.JsonNode items = json.unmarshal(new String(r.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8),
                    tools.jackson.databind.JsonNode.class).get("items");
            List<T> out = new java.util.ArrayList<>();
            if (items != null) {
                items.forEach(i -> out.add(json.convertValue(i, type)));
            }
            return out;
        }

        @Override
        public void create(String collectionPath, io.fabric8.kubernetes.api.model.HasMetadata o) {
            write(collectionPath, o, true);
        }

        @Override
        public void update(String objectPath, io.fabric8.kubernetes.api.model.HasMetadata o) {
            write(objectPath, o, false);
        }

        private void write(String path, io.fabric8.kubernetes.api.model.HasMetadata o, boolean create) {
            Buffer buffer = new Buffer();
            buffer.writeUtf8(json.asJson(o));
            RecordedRequest r = new RecordedRequest("HTTP/1.1", create ? HttpMethod.POST : HttpMethod.PUT, path,
                    io.fabric8.mockwebserver.http.Headers.builder().add("Content-Type", "application/json").build(), buffer);
            if (create) {
                ApiServerDispatcher.super.handleCreate(r);
            } else {
                ApiServerDispatcher.super.handleUpdate(r);
            }
        }

        @Override
        public void delete(String objectPath) {
            ApiServerDispatcher.super.handleDelete(objectPath);
        }
    }
}
