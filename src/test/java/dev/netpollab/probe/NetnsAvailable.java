package dev.netpollab.probe;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Runs the netns probe tests only where they can run: as root, with network namespaces that can really be
 * made, iptables, and the tools of the bed. Elsewhere they are skipped with the reason, which `make test`
 * prints, so a skip never passes for a pass.
 */
public final class NetnsAvailable implements ExecutionCondition {
    /** The commands the bed uses; the apt packages that provide them are in .ci/run. */
    static final List<String> TOOLS = List.of("ip", "iptables", "curl", "dig", "dnsmasq", "socat", "busybox", "bash");
    private static volatile Optional<String> problem;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> p = problem().map(why -> "netns probe tests skipped: " + why);
        p.ifPresent(why -> System.out.println("[netpol-lab] " + why));
        return p.map(ConditionEvaluationResult::disabled).orElseGet(() -> ConditionEvaluationResult.enabled("root with ip netns and iptables"));
    }

    static synchronized Optional<String> problem() {
        if (problem == null) {
            problem = check();
        }
        return problem;
    }

    private static Optional<String> check() {
        if (!System.getProperty("os.name").toLowerCase().contains("linux")) {
            return Optional.of("network namespaces need Linux (this is " + System.getProperty("os.name") + ")");
        }
        List<String> missing = new ArrayList<>();
        for (String t : TOOLS) {
            if (find(t).isEmpty()) {
                missing.add(t);
            }
        }
        if (!missing.isEmpty()) {
            return Optional.of("missing " + String.join(", ", missing) + " (apt-get install iproute2 iptables curl dnsutils dnsmasq socat busybox)");
        }
        try {
            String uid = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:")).findFirst()
                    .map(l -> l.split("\\s+")[1]).orElse("?");
            if (!uid.equals("0")) {
                return Optional.of("not root (uid " + uid + "); run `sudo make test-netns`");
            }
            String name = "np-check-" + UUID.randomUUID().toString().substring(0, 6);
            Process add = new ProcessBuilder("ip", "netns", "add", name).redirectErrorStream(true).start();
            String out = new String(add.getInputStream().readAllBytes());
            if (!add.waitFor(10, TimeUnit.SECONDS) || add.exitValue() != 0) {
                return Optional.of("cannot create a network namespace (" + out.strip() + ")");
            }
            // The filter table for policy rules, the nat table for Services (kube-proxy's DNAT).
            Process ipt = new ProcessBuilder("ip", "netns", "exec", name, "sh", "-c", "iptables -L -n && iptables -t nat -L -n")
                    .redirectErrorStream(true).start();
            String iptOut = new String(ipt.getInputStream().readAllBytes());
            boolean iptOk = ipt.waitFor(10, TimeUnit.SECONDS) && ipt.exitValue() == 0;
            new ProcessBuilder("ip", "netns", "del", name).start().waitFor(10, TimeUnit.SECONDS);
            return iptOk ? Optional.empty() : Optional.of("iptables (filter and nat tables) does not work in a network namespace (" + iptOut.strip() + ")");
        } catch (Exception e) {
            return Optional.of("cannot check for network namespaces: " + e.getMessage());
        }
    }

    /** The full path of a command on the PATH (or in the sbin directories, which a non-login root shell may lack). */
    static Optional<String> find(String command) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, command)).filter(Files::isExecutable).map(Path::toString).findFirst();
    }

    static String which(String command) {
        return find(command).orElseThrow(() -> new IllegalStateException(command + " is not installed"));
    }
}
