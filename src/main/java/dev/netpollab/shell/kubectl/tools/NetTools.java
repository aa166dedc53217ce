package dev.netpollab.shell.kubectl.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The commands a candidate runs inside a pod to test a policy ({@code curl}, {@code wget}, {@code nc},
 * {@code nslookup}, {@code dig}, wrapped or not in {@code sh -c} or {@code timeout}), answered with what the real
 * tools print and their exit codes, from the {@link PodNetwork} of the embedded lab. The tools a pod has depend on its
 * image: world pods run agnhost (curl, netcat-openbsd, bind-tools, busybox wget); busybox has no curl and no dig.
 */
public final class NetTools {
    /** What a command printed (stdout and stderr as the terminal shows them), its exit status and how long it took. */
    public record Result(String output, int exit, long millis) {
        static Result of(StringBuilder out, int exit, long millis) {
            return new Result(out.toString(), exit, millis);
        }
    }

    /** A command the container does not have: kubectl reports the runtime's error, not an exit status. */
    public static final class MissingExecutable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String name;

        MissingExecutable(String name) {
            super(name);
            this.name = name;
        }

        /** The runtime's error as kubectl prints it. */
        public String kubectlMessage(String containerId) {
            return "error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec \""
                    + containerId + "\": OCI runtime exec failed: exec failed: unable to start container process: exec: \"" + name
                    + "\": executable file not found in $PATH: unknown";
        }
    }

    private static final Set<String> BUSYBOX = Set.of("wget", "nc", "nslookup", "sh", "echo", "timeout", "sleep", "true", "false", "ping", "cat",
            "hostname", "env");
    private static final Set<String> AGNHOST = Set.of("curl", "wget", "nc", "nslookup", "dig", "host", "sh", "bash", "echo", "timeout", "sleep",
            "true", "false", "ping", "cat", "hostname", "env");

    private final PodNetwork net;
    private final Set<String> available;
    private final boolean tty;
    private final String hostname;

    /**
     * @param image the container image, which decides the tools there are
     * @param tty   {@code -t}: curl shows no progress meter on a terminal
     */
    public NetTools(PodNetwork net, String image, boolean tty, String hostname) {
        this.net = net;
        this.available = tools(image);
        this.tty = tty;
        this.hostname = hostname;
    }

    static Set<String> tools(String image) {
        String i = image == null ? "" : image.toLowerCase(Locale.ROOT);
        String repo = i.contains(":") ? i.substring(0, i.lastIndexOf(':')) : i;
        String last = repo.contains("/") ? repo.substring(repo.lastIndexOf('/') + 1) : repo;
        if (last.equals("busybox") || last.equals("alpine")) {
            return BUSYBOX;
        }
        if (repo.endsWith("curlimages/curl") || last.equals("curl")) {
            Set<String> s = new java.util.HashSet<>(BUSYBOX);
            s.add("curl");
            return Set.copyOf(s);
        }
        return AGNHOST;
    }

    /** Runs one command line of the container (as kubectl exec's argv). */
    public Result run(List<String> argv) {
        if (argv.isEmpty()) {
            return new Result("", 0, 0);
        }
        String cmd = argv.get(0);
        String name = cmd.contains("/") ? cmd.substring(cmd.lastIndexOf('/') + 1) : cmd;
        if (!available.contains(name)) {
            throw new MissingExecutable(cmd);
        }
        return exec(name, argv.subList(1, argv.size()));
    }

    private Result exec(String name, List<String> args) {
        StringBuilder out = new StringBuilder();
        return switch (name) {
            case "curl" -> new Curl(net, tty).run(args);
            case "wget" -> new Wget(net).run(args);
            case "nc" -> new Netcat(net).run(args);
            case "nslookup" -> new Dns(net).nslookup(args, available.contains("dig"));
            case "dig" -> new Dns(net).dig(args);
            case "host" -> new Dns(net).host(args);
            case "sh", "bash" -> shell(name, args);
            case "timeout" -> timeout(args);
            case "echo" -> {
                out.append(String.join(" ", args.stream().filter(a -> !a.equals("-n")).toList())).append(args.contains("-n") ? "" : "\n");
                yield Result.of(out, 0, 0);
            }
            case "true" -> new Result("", 0, 0);
            case "false" -> new Result("", 1, 0);
            case "sleep" -> new Result("", 0, args.isEmpty() ? 0 : (long) (Double.parseDouble(args.get(0).replaceAll("[^0-9.]", "")) * 1000));
            case "hostname" -> new Result(hostname + "\n", 0, 0);
            case "ping" -> new Result("netpol-lab: ping (ICMP) is not modelled: NetworkPolicy covers TCP, UDP and SCTP, and what a CNI does "
                    + "with ICMP varies; test with nc -zv or curl\n", 1, 0);
            default -> new Result("", 0, 0);
        };
    }

    /** {@code timeout [-s SIG] N CMD...}: busybox kills the command after N seconds, exiting 143. */
    private Result timeout(List<String> args) {
        List<String> a = new ArrayList<>(args);
        while (!a.isEmpty() && a.get(0).startsWith("-")) {
            String f = a.remove(0);
            if ((f.equals("-s") || f.equals("-k")) && !a.isEmpty()) {
                a.remove(0);
            }
        }
        if (a.size() < 2) {
            return new Result("Usage: timeout [-s SIG] [-k KILL_SECS] SECS PROG ARGS\n", 1, 0);
        }
        long limit = (long) (Double.parseDouble(a.get(0).replaceAll("[smh]$", "")) * 1000);
        Result r = run(a.subList(1, a.size()));
        if (r.millis() > limit) {
            // What the command printed before it was killed: a progress meter or a "Connecting to" line, not its verdict.
            String partial = r.output().lines().filter(l -> !l.startsWith("curl: (") && !l.startsWith("wget: ") && !l.startsWith("nc: ")
                    && !l.startsWith(";;")).map(l -> l + "\n").reduce("", String::concat);
            return new Result(partial, 143, limit);
        }
        return r;
    }

    /** {@code sh -c 'A; B && C || D'}: simple commands, joined as the shell joins them. */
    private Result shell(String shell, List<String> args) {
        int c = args.indexOf("-c");
        if (c < 0 || c + 1 >= args.size()) {
            return new Result("netpol-lab: only `" + shell + " -c 'COMMAND'` runs here: there is no interactive shell in the embedded lab\n", 1, 0);
        }
        StringBuilder out = new StringBuilder();
        int exit = 0;
        long millis = 0;
        String op = ";";
        for (List<String> part : ShCommandSplitter.sequence(args.get(c + 1))) {
            String sep = part.get(part.size() - 1);
            List<String> words = part.subList(0, part.size() - 1);
            boolean runIt = op.equals(";") || op.equals("&&") && exit == 0 || op.equals("||") && exit != 0;
            if (runIt && !words.isEmpty()) {
                Result r;
                try {
                    r = run(words);
                } catch (MissingExecutable e) {
                    r = new Result(shell + ": " + words.get(0) + ": not found\n", 127, 0);
                }
                out.append(r.output());
                exit = r.exit();
                millis += r.millis();
            }
            op = sep;
        }
        return Result.of(out, exit, millis);
    }
}
