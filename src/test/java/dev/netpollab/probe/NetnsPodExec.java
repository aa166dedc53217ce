package dev.netpollab.probe;

import dev.netpollab.lab.PodExec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * {@code kubectl exec} for the netns test bed: {@code ip netns exec POD COMMAND}, with the same contract as
 * {@link dev.netpollab.lab.Fabric8PodExec}: an unknown pod or a command that outlasts its timeout is a failed
 * exec (exit -1 with the reason), and a timed-out exec still hands back what it printed so far.
 */
final class NetnsPodExec implements PodExec {
    private final BiFunction<String, String, String> netns;
    private final Path tools;
    private final Path agnhost;
    private final Optional<Duration> cap;

    NetnsPodExec(BiFunction<String, String, String> netns, Path tools, Path agnhost) {
        this(netns, tools, agnhost, Optional.empty());
    }

    private NetnsPodExec(BiFunction<String, String, String> netns, Path tools, Path agnhost, Optional<Duration> cap) {
        this.netns = netns;
        this.tools = tools;
        this.agnhost = agnhost;
        this.cap = cap;
    }

    /** The same exec, whose timeout is at most {@code max}: an API server that gives up on an exec early. */
    NetnsPodExec cappedAt(Duration max) {
        return new NetnsPodExec(netns, tools, agnhost, Optional.of(max));
    }

    @Override
    public Result exec(String namespace, String pod, Duration timeout, String... command) {
        String ns = netns.apply(namespace, pod);
        if (ns == null) {
            return new Result(-1, "", "", "pods \"" + pod + "\" not found");
        }
        Duration limit = cap.filter(c -> c.compareTo(timeout) < 0).orElse(timeout);
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        cmd.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // As in the agnhost image: busybox sh, timeout, tr and cut first on the PATH; /agnhost is the stand-in.
        pb.environment().put("PATH", tools + ":" + System.getenv("PATH"));
        pb.environment().put("NETPOL_LAB_AGNHOST", agnhost.toString());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return new Result(-1, "", "", e.getMessage());
        }
        StringBuffer out = new StringBuffer();
        StringBuffer err = new StringBuffer();
        Thread o = drain(p.getInputStream(), out);
        Thread e = drain(p.getErrorStream(), err);
        try {
            p.getOutputStream().close();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                return new Result(-1, out.toString(), err.toString(), "no exit status within " + limit.toSeconds() + " s");
            }
            o.join(2000);
            e.join(2000);
            return new Result(p.exitValue(), out.toString(), err.toString(), "");
        } catch (IOException ex) {
            return new Result(-1, out.toString(), err.toString(), ex.getMessage());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return new Result(-1, out.toString(), err.toString(), "interrupted");
        }
    }

    private static Thread drain(InputStream in, StringBuffer into) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[4096];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    into.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException ignored) {
                // The process was killed.
            }
        }, "netns-exec-output");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
