package dev.netpollab.lab;

import dev.netpollab.policy.FieldError;
import dev.netpollab.policy.PolicyDefaults;
import dev.netpollab.policy.PolicyValidator;
import dev.netpollab.scenario.KubeYaml;
import dev.netpollab.scenario.UnknownFields;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import tools.jackson.core.JacksonException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What an API server does with a NetworkPolicy it receives: strict decoding (unknown fields refused),
 * validation with the API server's messages, then defaulting. The embedded API server and the workshop
 * server both admit policies through here, so a policy is judged the same wherever it is sent.
 */
public final class PolicyAdmission {
    private PolicyAdmission() {
    }

    /**
     * The outcome: the admitted (defaulted) policy, or the status the API server would answer with.
     *
     * @param code 400 for a body that cannot be decoded, 422 for an invalid policy
     */
    public record Result(NetworkPolicy policy, int code, String reason, String message, String name, List<FieldError> errors) {
        public boolean admitted() {
            return policy != null;
        }

        static Result refused(int code, String reason, String message, String name, List<FieldError> errors) {
            return new Result(null, code, reason, message, name, List.copyOf(errors));
        }
    }

    /** Admits one policy given as JSON (or YAML: a JSON document is YAML too). */
    public static Result admit(String body) {
        NetworkPolicy np;
        try {
            np = KubeYaml.serialization().unmarshal(body, NetworkPolicy.class);
        } catch (JacksonException | IllegalArgumentException | ClassCastException e) {
            return Result.refused(400, "BadRequest", "the request body could not be decoded: " + e.getMessage(), null, List.of());
        }
        if (np == null) {
            return Result.refused(400, "BadRequest", "the request body is empty", null, List.of());
        }
        return admit(np);
    }

    /** Admits a decoded policy: unknown fields, validation, defaults (the policy is defaulted in place). */
    public static Result admit(NetworkPolicy np) {
        PolicyDefaults.decoded(np);
        List<String> unknown = UnknownFields.find(np);
        String name = np.getMetadata() == null ? null : np.getMetadata().getName();
        if (!unknown.isEmpty()) {
            return Result.refused(400, "BadRequest", "NetworkPolicy in version \"v1\" cannot be handled as a NetworkPolicy: strict decoding error: "
                    + unknown.stream().map(u -> "unknown field \"" + u + "\"").collect(Collectors.joining(", ")), null, List.of());
        }
        List<FieldError> errors = PolicyValidator.validate(np);
        if (!errors.isEmpty()) {
            return Result.refused(422, "Invalid", invalid("NetworkPolicy.networking.k8s.io", name, errors), name, errors);
        }
        PolicyDefaults.apply(np);
        return new Result(np, 200, "", "", name, List.of());
    }

    /** The API server's wording: {@code NetworkPolicy.networking.k8s.io "x" is invalid: [...]}, one error without brackets. */
    static String invalid(String qualifiedKind, String name, List<FieldError> errors) {
        String joined = errors.size() == 1 ? errors.get(0).toString()
                : errors.stream().map(FieldError::toString).collect(Collectors.joining(", ", "[", "]"));
        return qualifiedKind + " \"" + name + "\" is invalid: " + joined;
    }
}
