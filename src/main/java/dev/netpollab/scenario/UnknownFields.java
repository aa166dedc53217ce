package dev.netpollab.scenario;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds fields fabric8 did not recognise. Its model classes keep unknown keys in
 * {@code additionalProperties} instead of failing; the API server (and kubectl's strict field
 * validation) rejects them with {@code strict decoding error: unknown field "spec.ingres"}. A typo such
 * as {@code ingres:} would otherwise vanish silently and turn a policy into a deny-all.
 */
public final class UnknownFields {
    /** A model field and its JSON name; the annotation is read once per class, not once per object. */
    private record Named(Field field, String name) {
    }

    private static final Map<Class<?>, List<Named>> FIELDS = new ConcurrentHashMap<>();

    private UnknownFields() {
    }

    /** Paths such as {@code spec.ingres}, in the order found. */
    public static List<String> find(Object object) {
        List<String> out = new ArrayList<>();
        walk(object, "", out);
        return out;
    }

    private static void walk(Object o, String path, List<String> out) {
        if (o == null || o instanceof GenericKubernetesResource) {
            return;
        }
        if (o instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", out);
            }
            return;
        }
        if (o instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, join(path, String.valueOf(k)), out));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Named n : fields(o.getClass())) {
            try {
                Object v = n.field().get(o);
                if (n.name() == null) {
                    if (v instanceof Map<?, ?> extra) {
                        extra.keySet().forEach(k -> out.add(join(path, String.valueOf(k))));
                    }
                } else {
                    walk(v, join(path, n.name()), out);
                }
            } catch (IllegalAccessException e) {
                // Not reachable for fabric8's plain model classes; skipping only loses a typo warning.
            }
        }
    }

    private static List<Named> fields(Class<?> type) {
        return FIELDS.computeIfAbsent(type, t -> {
            List<Named> fs = new ArrayList<>();
            for (Class<?> c = t; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    boolean extra = "additionalProperties".equals(f.getName());
                    if (extra || f.isAnnotationPresent(JsonProperty.class)) {
                        f.setAccessible(true);
                        fs.add(new Named(f, extra ? null : f.getAnnotation(JsonProperty.class).value()));
                    }
                }
            }
            return fs;
        });
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
