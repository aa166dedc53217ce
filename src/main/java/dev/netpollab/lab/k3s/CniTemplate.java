package dev.netpollab.lab.k3s;

import dev.netpollab.lab.LabException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Edits Calico's {@code cni_network_config}, a JSON template with bare placeholders such as
 * {@code "mtu": __CNI_MTU__} that make it invalid JSON as it stands. The bare placeholders are wrapped
 * in sentinel strings, the JSON is edited as a tree, and the placeholders are put back bare.
 */
public final class CniTemplate {
    private static final Pattern BARE = Pattern.compile("(?<![\"\\w])(__[A-Z0-9_]+__)(?![\"\\w])");
    private static final Pattern WRAPPED = Pattern.compile("\"@@(__[A-Z0-9_]+__)@@\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CniTemplate() {
    }

    /** Sets {@code setting} to {@code value} in every plugin whose {@code type} is {@code pluginType}. */
    public static String setPluginSetting(String template, String pluginType, String setting, JsonNode value) {
        String safe = BARE.matcher(template).replaceAll("\"@@$1@@\"");
        JsonNode root;
        try {
            root = JSON.readTree(safe);
        } catch (RuntimeException e) {
            throw new LabException("cni_network_config is not the JSON template expected: " + e.getMessage(), e);
        }
        int changed = 0;
        for (JsonNode plugin : root.path("plugins")) {
            if (plugin instanceof ObjectNode o && pluginType.equals(o.path("type").asString(""))) {
                o.set(setting, value);
                changed++;
            }
        }
        if (changed == 0) {
            throw new LabException("cni_network_config has no plugin of type " + pluginType);
        }
        String edited = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        Matcher m = WRAPPED.matcher(edited);
        return m.replaceAll("$1");
    }
}
