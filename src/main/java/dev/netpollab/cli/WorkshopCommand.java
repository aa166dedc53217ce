package dev.netpollab.cli;

import dev.netpollab.lab.AppHome;
import dev.netpollab.scenario.ScenarioLibrary;
import dev.netpollab.scenario.UserError;
import dev.netpollab.workshop.Workshop;
import dev.netpollab.workshop.WorkshopPlan;
import dev.netpollab.workshop.WorkshopServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.io.Writer;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "workshop", description = "Instructor-run workshops: one server on the instructor's machine, a live scoreboard in the "
        + "browser; learners join from their shells with `netpol-lab join`.", subcommands = WorkshopCommand.Serve.class)
public class WorkshopCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "serve", description = "Run a workshop: hand out the same tasks to every learner, grade what they send with the engine, "
            + "and show the room on a live dashboard. Restarted with the same --data, it carries on the same workshop. It prints the Dashboard "
            + "address (it carries your secret: keep it to yourself), a Projector address for the room, and the command learners type.",
            footer = {"", "Examples:", "  netpol-lab workshop serve --set mock-1",
                    "  netpol-lab workshop serve --scenarios default-deny-scope,leftover-allow-all --minutes 45",
                    "  netpol-lab workshop serve --scenarios ./my-scenarios --bind 0.0.0.0"})
    static final class Serve implements Callable<Integer> {
        @Option(names = "--set", paramLabel = "NAME", description = "The tasks of an exam set (scenarios/exams), e.g. mock-1.")
        String set;

        @Option(names = "--scenarios", split = ",", paramLabel = "ID",
                description = "The tasks, in order: scenario ids, or scenario files or directories (your own scenarios: every one in it).")
        List<String> scenarios = new ArrayList<>();

        @Option(names = "--library", paramLabel = "DIR", description = "Also load scenarios from DIR, so --scenarios can name them by id (repeatable).")
        List<Path> library = new ArrayList<>();

        @Option(names = "--minutes", paramLabel = "N", description = "The workshop's time; default: the set's, or 1.25 x the tasks' suggested minutes.")
        Integer minutes;

        @Option(names = "--port", paramLabel = "PORT", defaultValue = "8088", description = "Port to listen on (0: any free port). Default: ${DEFAULT-VALUE}.")
        int port;

        @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
                description = "Address to listen on. Default: ${DEFAULT-VALUE}, this machine only; give 0.0.0.0 (or this machine's address) "
                        + "for learners on other machines.")
        String bind;

        @Option(names = "--data", paramLabel = "DIR", description = "Where the workshop's database lives. Default: ~/.netpol-lab/workshop.")
        Path data;

        @Option(names = "--code", paramLabel = "CODE", description = "The join code learners type. Default: random (kept on restart).")
        String code;

        @Option(names = "--secret", paramLabel = "S", description = "The instructor's secret for the dashboard. Default: random (kept on restart).")
        String secret;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            if (set != null && !scenarios.isEmpty()) {
                throw new UserError("give --set or --scenarios, not both");
            }
            if (port < 0 || port > 65535) {
                throw new UserError("--port must be 0 to 65535");
            }
            Optional<WorkshopPlan> requested = Optional.empty();
            if (set != null || !scenarios.isEmpty()) {
                ScenarioLibrary lib = Library.load(globalFor(library), new PrintWriter(Writer.nullWriter()));
                requested = Optional.of(set != null ? WorkshopPlan.fromSet(lib, set, minutes) : WorkshopPlan.fromItems(lib, scenarios, minutes));
            }
            Path dir = data != null ? data : AppHome.resolve("workshop");
            Workshop workshop = Workshop.open(dir, requested, code, secret, Clock.systemUTC());
            String host = advertised(bind);
            WorkshopServer server;
            try {
                server = WorkshopServer.start(workshop, bind, port, p -> "netpol-lab join http://" + host + ":" + p + " --code " + workshop.code()
                        + " --name NAME");
            } catch (RuntimeException e) {
                workshop.close();
                throw new UserError("cannot listen on " + bind + ":" + port + ": " + rootMessage(e)
                        + (port != 0 ? " (another program may use that port: try --port 0 or another one)" : ""));
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                workshop.close();
            }, "workshop-shutdown"));
            int p = server.port();
            String local = bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bracket(bind);
            PrintWriter out = spec.commandLine().getOut();
            var timer = workshop.timer();
            out.println("Workshop \"" + workshop.plan().title() + "\": " + workshop.plan().tasks().size() + " tasks, " + timer.totalMinutes()
                    + " minutes; " + switch (timer.state()) {
                        case "not-started" -> "start the timer from the dashboard.";
                        case "over" -> "the time is up.";
                        default -> "the timer is " + timer.state() + ", " + timer.remainingSeconds() / 60 + " min left.";
                    } + (workshop.closed() ? " The workshop is closed." : ""));
            out.println("Data: " + workshop.database() + " (restart with the same --data to carry on)");
            out.println("Dashboard: http://" + local + ":" + p + "/dashboard#secret=" + workshop.secret());
            out.println("Projector: http://" + local + ":" + p + "/projector?code=" + workshop.code() + "  (add &anon=1 to hide names)");
            out.println("Learners: netpol-lab join http://" + host + ":" + p + " --code " + workshop.code() + " --name NAME");
            if (bind.startsWith("127.") || bind.equals("localhost") || bind.equals("::1")) {
                out.println("Listening on this machine only; for learners on other machines add --bind 0.0.0.0.");
            }
            out.println("Ctrl-C stops the server; nothing is lost.");
            out.flush();
            new CountDownLatch(1).await();
            return 0;
        }

        private static GlobalOptions globalFor(List<Path> dirs) {
            GlobalOptions g = new GlobalOptions();
            g.scenarioDirs = dirs;
            return g;
        }

        private static String rootMessage(Throwable e) {
            Throwable t = e;
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        }

        /** The address learners use: the bound one, or for a wildcard bind this machine's first non-loopback IPv4 address. */
        static String advertised(String bind) {
            if (!bind.equals("0.0.0.0") && !bind.equals("::")) {
                return bracket(bind);
            }
            try {
                for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    if (!ni.isUp() || ni.isLoopback()) {
                        continue;
                    }
                    for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                        if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                            return a.getHostAddress();
                        }
                    }
                }
                return InetAddress.getLocalHost().getHostName();
            } catch (SocketException | java.net.UnknownHostException e) {
                return "THIS-MACHINE";
            }
        }

        private static String bracket(String host) {
            return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        }
    }
}
