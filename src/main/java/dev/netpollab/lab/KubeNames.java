package dev.netpollab.lab;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.Locale;

/** kubectl's names for objects: {@code networkpolicy.networking.k8s.io/db-ingress}, {@code pod/web}. */
public final class KubeNames {
    private KubeNames() {
    }

    public static String resourceName(HasMetadata o) {
        return kindName(o) + "/" + o.getMetadata().getName();
    }

    public static String kindName(HasMetadata o) {
        String kind = o.getKind() == null ? o.getClass().getSimpleName() : o.getKind();
        String api = o.getApiVersion() == null ? "v1" : o.getApiVersion();
        int slash = api.indexOf('/');
        String group = slash < 0 ? "" : api.substring(0, slash);
        return kind.toLowerCase(Locale.ROOT) + (group.isEmpty() ? "" : "." + group);
    }
}
