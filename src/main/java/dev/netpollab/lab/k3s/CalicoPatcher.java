package dev.netpollab.lab.k3s;

import dev.netpollab.lab.LabException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies {@code cluster/calico-patches.yaml} to Calico's manifest, as fabric8 objects (not text). Every
 * patch reports what it did; a patch whose target is missing fails with the object and field named.
 */
public final class CalicoPatcher {
    private CalicoPatcher() {
    }

    /** @return one line per patch, what changed */
    public static List<String> apply(List<HasMetadata> objects, List<ClusterData.CalicoPatch> patches, Map<String, String> vars) {
        List<String> done = new ArrayList<>();
        for (ClusterData.CalicoPatch p : patches) {
            done.add(switch (p.patch()) {
                case "cniPluginSetting" -> {
                    ConfigMap cm = find(objects, ConfigMap.class, p.configMap());
                    String template = cm.getData() == null ? null : cm.getData().get(p.key());
                    if (template == null) {
                        throw new LabException("Calico manifest: ConfigMap " + p.configMap() + " has no data." + p.key());
                    }
                    cm.getData().put(p.key(), CniTemplate.setPluginSetting(template, p.pluginType(), p.setting(), p.value()));
                    yield "ConfigMap " + p.configMap() + " data." + p.key() + ": " + p.setting() + " = " + p.value() + " on the " + p.pluginType() + " plugin";
                }
                case "setEnv" -> {
                    Container c = container(find(objects, DaemonSet.class, p.daemonSet()), p.container());
                    String value = ClusterData.fill(p.value().asString(), vars);
                    List<EnvVar> env = c.getEnv() == null ? new ArrayList<>() : new ArrayList<>(c.getEnv());
                    Optional<EnvVar> existing = env.stream().filter(e -> e.getName().equals(p.name())).findFirst();
                    if (existing.isPresent()) {
                        existing.get().setValueFrom(null);
                        existing.get().setValue(value);
                    } else {
                        env.add(new EnvVar(p.name(), value, null));
                    }
                    c.setEnv(env);
                    yield "DaemonSet " + p.daemonSet() + " container " + p.container() + ": " + p.name() + "=" + value;
                }
                case "removeInitContainers" -> {
                    PodSpec spec = podSpec(find(objects, DaemonSet.class, p.daemonSet()));
                    List<String> removed = new ArrayList<>();
                    spec.setInitContainers(new ArrayList<>(spec.getInitContainers().stream().filter(c -> {
                        boolean drop = p.names().contains(c.getName());
                        if (drop) {
                            removed.add(c.getName());
                        }
                        return !drop;
                    }).toList()));
                    yield "DaemonSet " + p.daemonSet() + ": init containers removed: " + (removed.isEmpty() ? "none present" : String.join(", ", removed));
                }
                case "removeVolumes" -> {
                    PodSpec spec = podSpec(find(objects, DaemonSet.class, p.daemonSet()));
                    spec.setVolumes(new ArrayList<>(spec.getVolumes().stream().filter(v -> !p.names().contains(v.getName())).toList()));
                    List<Container> all = new ArrayList<>(spec.getContainers());
                    all.addAll(spec.getInitContainers());
                    for (Container c : all) {
                        if (c.getVolumeMounts() != null) {
                            c.setVolumeMounts(new ArrayList<>(c.getVolumeMounts().stream().filter(m -> !p.names().contains(m.getName())).toList()));
                        }
                    }
                    yield "DaemonSet " + p.daemonSet() + ": volumes and their mounts removed: " + String.join(", ", p.names());
                }
                case "hostPath" -> {
                    PodSpec spec = podSpec(find(objects, DaemonSet.class, p.daemonSet()));
                    Volume v = spec.getVolumes().stream().filter(x -> x.getName().equals(p.volume())).findFirst().orElseThrow(() ->
                            new LabException("Calico manifest: DaemonSet " + p.daemonSet() + " has no volume " + p.volume()));
                    HostPathVolumeSource hp = v.getHostPath();
                    if (hp == null) {
                        throw new LabException("Calico manifest: volume " + p.volume() + " is not a hostPath");
                    }
                    hp.setPath(ClusterData.fill(p.path(), vars));
                    yield "DaemonSet " + p.daemonSet() + " volume " + p.volume() + ": hostPath " + hp.getPath();
                }
                default -> throw new LabException("cluster/calico-patches.yaml: unknown patch \"" + p.patch() + "\"");
            });
        }
        return done;
    }

    private static <T extends HasMetadata> T find(List<HasMetadata> objects, Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast).filter(o -> name.equals(o.getMetadata().getName())).findFirst()
                .orElseThrow(() -> new LabException("Calico manifest: no " + type.getSimpleName() + " named " + name));
    }

    private static PodSpec podSpec(DaemonSet ds) {
        return ds.getSpec().getTemplate().getSpec();
    }

    private static Container container(DaemonSet ds, String name) {
        return podSpec(ds).getContainers().stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new LabException("Calico manifest: DaemonSet " + ds.getMetadata().getName() + " has no container " + name));
    }

    /** For messages: a JSON value as text. */
    static String text(JsonNode n) {
        return n == null ? "" : n.toString();
    }
}
