package dev.netpollab.shell.kubectl;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.List;

/** Formats API errors the way kubectl prints them. */
public final class KubectlErrors {
    private KubectlErrors() {
    }

    /**
     * {@code The NetworkPolicy "x" is invalid: spec...: Invalid value: ...} for validation errors (one cause per
     * line when there are several), {@code Error from server (Reason): message} otherwise.
     */
    public static String format(KubernetesClientException e, String kind, String name) {
        Status st = e.getStatus();
        if (st != null && e.getCode() == 422 && st.getDetails() != null && st.getDetails().getCauses() != null
                && !st.getDetails().getCauses().isEmpty()) {
            List<StatusCause> causes = st.getDetails().getCauses();
            String head = "The " + kind + " \"" + name + "\" is invalid: ";
            if (causes.size() == 1) {
                return head + causes.get(0).getField() + ": " + causes.get(0).getMessage();
            }
            StringBuilder b = new StringBuilder(head);
            for (StatusCause c : causes) {
                b.append("\n* ").append(c.getField()).append(": ").append(c.getMessage());
            }
            return b.toString();
        }
        String reason = st == null || st.getReason() == null ? "Unknown" : st.getReason();
        String message = st == null || st.getMessage() == null ? e.getMessage() : st.getMessage();
        if (e.getCode() == 0) {
            return "error: the lab's API server cannot be reached: " + e.getMessage();
        }
        return "Error from server (" + reason + "): " + message;
    }
}
