package dev.netpollab.lab.k3s;

import dev.netpollab.lab.LabException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The real-cluster recipe kept as data in {@code cluster/} (bundled in the jar): k3s image and flags,
 * the Calico pin, the manifest patches and the images to preload. Read here, used by the k3s lab.
 */
public final class ClusterData {
    /** One patch of {@code cluster/calico-patches.yaml}. */
    public record CalicoPatch(String patch, String configMap, String key, String pluginType, String setting, JsonNode value,
                              String daemonSet, String container, String name, List<String> names, String volume, String path, String why) {
    }

    private ClusterData() {
    }

    static String text(String resource) {
        try (InputStream in = ClusterData.class.getResourceAsStream("/cluster/" + resource)) {
            if (in == null) {
                throw new LabException("cluster/" + resource + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LabException("cluster/" + resource + " cannot be read: " + e.getMessage(), e);
        }
    }

    static Properties properties(String resource) {
        Properties p = new Properties();
        try {
            p.load(new java.io.StringReader(text(resource)));
        } catch (IOException e) {
            throw new LabException("cluster/" + resource + " cannot be read: " + e.getMessage(), e);
        }
        return p;
    }

    public static String k3sImage() {
        return properties("k3s.properties").getProperty("image");
    }

    public static String clusterCidr() {
        return properties("k3s.properties").getProperty("cluster-cidr");
    }

    public static String serviceCidr() {
        return properties("k3s.properties").getProperty("service-cidr");
    }

    public static int timeoutSeconds(String key) {
        return Integer.parseInt(properties("k3s.properties").getProperty(key, "180"));
    }

    /**
     * The k3s command line: {@code calico} = flannel off and the built-in controller off; {@code k3s} = k3s's
     * own controller. Comments and blank lines are skipped; variables are filled in.
     */
    public static List<String> flags(String cni, Map<String, String> vars) {
        String file = switch (cni) {
            case "calico" -> "k3s-flags-calico.txt";
            case "k3s" -> "k3s-flags-builtin.txt";
            default -> throw new LabException("unknown --cni " + cni + ": calico or k3s");
        };
        List<String> out = new ArrayList<>();
        for (String line : text(file).split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                out.add(fill(l, vars));
            }
        }
        return out;
    }

    public static String fill(String s, Map<String, String> vars) {
        String out = s;
        for (var e : vars.entrySet()) {
            out = out.replace("${" + e.getKey() + "}", e.getValue());
        }
        if (out.contains("${")) {
            throw new LabException("cluster data: no value for a variable in \"" + s + "\"");
        }
        return out;
    }

    /** Version, url and sha256 of the pinned Calico manifest, plus other accepted sha256 values by version. */
    public record CalicoPin(String version, String url, String sha256, Map<String, String> otherPins) {
    }

    public static CalicoPin calico() {
        Properties p = properties("calico.properties");
        Map<String, String> other = new TreeMap<>();
        p.stringPropertyNames().stream().filter(k -> k.startsWith("sha256.")).forEach(k -> other.put(k.substring(7), p.getProperty(k)));
        return new CalicoPin(p.getProperty("version"), p.getProperty("url"), p.getProperty("sha256"), other);
    }

    public static List<CalicoPatch> calicoPatches() {
        YAMLMapper yaml = YAMLMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        return yaml.readValue(text("calico-patches.yaml"), new TypeReference<List<CalicoPatch>>() { });
    }

    /** Images to preload into every cluster, in the order listed. */
    public static List<String> preloadImages() {
        Properties p = properties("images.properties");
        return p.stringPropertyNames().stream().filter(k -> k.startsWith("preload.")).sorted((a, b) ->
                Integer.compare(Integer.parseInt(a.substring(8)), Integer.parseInt(b.substring(8)))).map(p::getProperty).toList();
    }
}
