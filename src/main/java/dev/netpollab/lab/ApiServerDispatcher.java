package dev.netpollab.lab;

import dev.netpollab.policy.FieldError;
import dev.netpollab.policy.PolicyDefaults;
import dev.netpollab.policy.PolicyValidator;
import dev.netpollab.scenario.KubeYaml;
import dev.netpollab.scenario.UnknownFields;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import tools.jackson.core.JacksonException;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The thin layer that makes fabric8's CRUD mock behave like a real API server for what netpol-lab
 * touches: NetworkPolicies are decoded strictly, validated and defaulted (422 with the API server's
 * message on invalid input); namespaces get {@code kubernetes.io/metadata.name}; pods get an IP and a
 * Running/Ready status (the CNI's and the kubelet's work in a real cluster); Services get a ClusterIP.
 */
final class ApiServerDispatcher extends KubernetesCrudDispatcher {
    private static final Pattern NAMESPACE_PATH = Pattern.compile("/api/v1/namespaces/([^/?]+)(\\?.*)?");
    private static final List<String> NAMESPACE_CONTENTS = List.of("/apis/networking.k8s.io/v1/namespaces/%s/networkpolicies",
            "/api/v1/namespaces/%s/services", "/api/v1/namespaces/%s/pods", "/api/v1/namespaces/%s/serviceaccounts");
    private final KubernetesSerialization json = KubeYaml.serialization();
    private final PodIps podIps = new PodIps();
    private int nextServiceIp = 10;

    @Override
    public MockResponse handleCreate(RecordedRequest request) {
        return admit(request, true);
    }

    @Override
    public MockResponse handleUpdate(RecordedRequest request) {
        return admit(request, false);
    }

    private MockResponse admit(RecordedRequest request, boolean create) {
        String path = request.getPath();
        String body = request.getUtf8Body();
        try {
            if (path.contains("/networkpolicies")) {
                NetworkPolicy np = dev.netpollab.policy.PolicyDefaults.decoded(json.unmarshal(body, NetworkPolicy.class));
                List<String> unknown = UnknownFields.find(np);
                if (!unknown.isEmpty()) {
                    return status(400, "BadRequest", "NetworkPolicy in version \"v1\" cannot be handled as a NetworkPolicy: strict decoding error: "
                            + unknown.stream().map(u -> "unknown field \"" + u + "\"").collect(Collectors.joining(", ")), null, List.of());
                }
                List<FieldError> errors = PolicyValidator.validate(np);
                if (!errors.isEmpty()) {
                    return invalid(np.getMetadata() == null ? null : np.getMetadata().getName(), errors);
                }
                PolicyDefaults.apply(np);
                return forward(request, json.asJson(np), create);
            }
            if (path.startsWith("/api/v1/namespaces") && !path.matches("/api/v1/namespaces/[^/]+/.+")) {
                Namespace ns = json.unmarshal(body, Namespace.class);
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
            if (create && path.matches("/api/v1/namespaces/[^/]+/pods")) {
                Pod pod = json.unmarshal(body, Pod.class);
                return forward(request, json.asJson(ApiServerFacts.running(pod, podIps.next())), true);
            }
            if (create && path.matches("/api/v1/namespaces/[^/]+/services")) {
                Service svc = json.unmarshal(body, Service.class);
                if (svc.getSpec() != null && svc.getSpec().getClusterIP() == null) {
                    svc.getSpec().setClusterIP(nextServiceIp());
                }
                return forward(request, json.asJson(svc), true);
            }
        } catch (JacksonException | IllegalArgumentException e) {
            return status(400, "BadRequest", "the request body could not be decoded: " + e.getMessage(), null, List.of());
        }
        return create ? super.handleCreate(request) : super.handleUpdate(request);
    }

    /** Deleting a namespace deletes what is in it, as the namespace controller of a real cluster does. */
    @Override
    public MockResponse handleDelete(String path) {
        Matcher m = NAMESPACE_PATH.matcher(path);
        if (m.matches()) {
            NAMESPACE_CONTENTS.forEach(collection -> super.handleDelete(collection.formatted(m.group(1))));
        }
        return super.handleDelete(path);
    }

    private synchronized String nextServiceIp() {
        int n = nextServiceIp++;
        return "10.43." + (n / 256) + "." + (n % 256);
    }

    private MockResponse forward(RecordedRequest original, String body, boolean create) {
        Buffer buffer = new Buffer();
        buffer.writeUtf8(body);
        RecordedRequest changed = new RecordedRequest(original.getHttpVersion(), create ? HttpMethod.POST : HttpMethod.PUT,
                original.getPath(), original.getHeaders(), buffer);
        return create ? super.handleCreate(changed) : super.handleUpdate(changed);
    }

    /** 422 with the API server's wording: {@code NetworkPolicy.networking.k8s.io "x" is invalid: [...]}. */
    private MockResponse invalid(String name, List<FieldError> errors) {
        String joined = errors.size() == 1 ? errors.get(0).toString()
                : errors.stream().map(FieldError::toString).collect(Collectors.joining(", ", "[", "]"));
        String message = "NetworkPolicy.networking.k8s.io \"" + name + "\" is invalid: " + joined;
        return status(422, "Invalid", message, name, errors);
    }

    private MockResponse status(int code, String reason, String message, String name, List<FieldError> errors) {
        Status st = new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message)
                .withNewDetails().withName(name).withGroup("networking.k8s.io").withKind("NetworkPolicy")
                .withCauses(errors.stream().map(e -> new StatusCauseBuilder().withField(e.path())
                        .withReason("Field" + e.type().name().charAt(0) + e.type().name().substring(1).toLowerCase())
                        .withMessage(e.toString().substring(e.path().length() + 2)).build()).toList())
                .endDetails().build();
        st.setApiVersion("v1");
        st.setKind("Status");
        return new MockResponse().setResponseCode(code).setBody(json.asJson(st));
    }
}
