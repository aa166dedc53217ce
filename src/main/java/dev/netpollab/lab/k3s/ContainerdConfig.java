package dev.netpollab.lab.k3s;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where k3s's containerd looks for CNI plugins and configs (trap 6): read from its rendered
 * {@code config.toml}, in either the version-2 layout ({@code [plugins."io.containerd.grpc.v1.cri".cni]},
 * {@code bin_dir}) or the version-3 one ({@code [plugins.'io.containerd.cri.v1.runtime'.cni]},
 * {@code bin_dirs}); containerd's defaults when the table is absent.
 */
public final class ContainerdConfig {
    public static final String DEFAULT_BIN_DIR = "/opt/cni/bin";
    public static final String DEFAULT_CONF_DIR = "/etc/cni/net.d";

    /** @param found false when containerd's defaults apply */
    public record CniDirs(List<String> binDirs, String confDir, boolean found) {
        public String binDir() {
            return binDirs.get(0);
        }
    }

    private ContainerdConfig() {
    }

    public static CniDirs parse(String toml) {
        String table = cniTable(toml);
        if (table == null) {
            return new CniDirs(List.of(DEFAULT_BIN_DIR), DEFAULT_CONF_DIR, false);
        }
        List<String> bins = new ArrayList<>();
        Matcher single = Pattern.compile("(?m)^\\s*bin_dir\\s*=\\s*[\"']([^\"']+)[\"']").matcher(table);
        if (single.find()) {
            bins.add(single.group(1));
        }
        Matcher multi = Pattern.compile("(?m)^\\s*bin_dirs\\s*=\\s*\\[([^\\]]*)\\]").matcher(table);
        if (multi.find()) {
            Matcher each = Pattern.compile("[\"']([^\"']+)[\"']").matcher(multi.group(1));
            while (each.find()) {
                bins.add(each.group(1));
            }
        }
        Matcher conf = Pattern.compile("(?m)^\\s*conf_dir\\s*=\\s*[\"']([^\"']+)[\"']").matcher(table);
        return new CniDirs(bins.isEmpty() ? List.of(DEFAULT_BIN_DIR) : bins, conf.find() ? conf.group(1) : DEFAULT_CONF_DIR, true);
    }

    /** The body of the CRI plugin's cni table, up to the next table header; null when absent. */
    private static String cniTable(String toml) {
        Matcher header = Pattern.compile("(?m)^\\s*\\[plugins\\.[\"']io\\.containerd\\.(grpc\\.v1\\.cri|cri\\.v1\\.runtime)[\"']\\.cni\\]\\s*$").matcher(toml);
        if (!header.find()) {
            return null;
        }
        int start = header.end();
        Matcher next = Pattern.compile("(?m)^\\s*\\[").matcher(toml);
        int end = next.find(start) ? next.start() : toml.length();
        return toml.substring(start, end);
    }
}
