package dev.netpollab.shell;

import dev.netpollab.lab.LabException;
import dev.netpollab.scenario.UserError;
import dev.netpollab.shell.kubectl.KubectlApply;
import dev.netpollab.shell.kubectl.KubectlDelete;
import dev.netpollab.shell.kubectl.KubectlDescribe;
import dev.netpollab.shell.kubectl.KubectlEdit;
import dev.netpollab.shell.kubectl.KubectlErrors;
import dev.netpollab.shell.kubectl.KubectlGet;
import dev.netpollab.shell.kubectl.KubectlLabel;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and runs one shell line: trainer commands, kubectl built-ins (also as `kubectl …` / `k …`), help. */
public final class ShellCommands {
    /** Trainer commands, in the order `help` lists them. */
    static final List<Class<? extends ShellCommand>> TRAINER = List.of(TrainerCommands.ListCmd.class, TrainerCommands.StartCmd.class,
            TrainerCommands.TaskCmd.class, TrainerCommands.HintCmd.class, TrainerCommands.CheckCmd.class, TrainerCommands.ExplainCmd.class,
            TrainerCommands.MatrixCmd.class, TrainerCommands.ProbeCmd.class, TrainerCommands.ResetCmd.class, TrainerCommands.SolutionCmd.class,
            TrainerCommands.NextCmd.class, TrainerCommands.LintCmd.class, TrainerCommands.StatusCmd.class, TrainerCommands.StatsCmd.class,
            TrainerCommands.HistoryCmd.class, TrainerCommands.QuitCmd.class);
    /** kubectl-compatible built-ins. */
    static final List<Class<? extends ShellCommand>> KUBECTL = List.of(KubectlGet.class, KubectlDescribe.class, KubectlApply.Apply.class,
            KubectlApply.Create.class, KubectlDelete.class, KubectlEdit.class, KubectlLabel.class);
    /** kubectl verbs the shell does not offer, and what to do instead. */
    static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            Map.entry("exec", "use `probe SRC DST:PORT[/PROTO]`: it runs the same curl from inside SRC (on real labs for real)"),
            Map.entry("logs", "world pods only serve their ports; `probe` and `check` show what reaches them"),
            Map.entry("run", "the world of a scenario is fixed; probes come from its pods (`probe`)"),
            Map.entry("patch", "use `edit netpol NAME`, or change the file and `apply -f` it"),
            Map.entry("replace", "use `apply -f FILE`"),
            Map.entry("scale", "the world of a scenario is fixed"),
            Map.entry("expose", "the world of a scenario is fixed"),
            Map.entry("rollout", "the world of a scenario is fixed"),
            Map.entry("port-forward", "use `probe` to test connections"),
            Map.entry("cp", "work files are in ~/.netpol-lab/work/ID/; `apply -f` reads any path"),
            Map.entry("annotate", "annotations do not affect NetworkPolicy; use `label` for labels"),
            Map.entry("auth", "not needed in this lab"),
            Map.entry("config", "the shell talks to its lab; `status` shows which"),
            Map.entry("top", "not available in this lab"),
            Map.entry("debug", "use `probe` and `explain`"));

    private final Session session;
    private final ShellMode mode;
    private final CommandLine cli;

    public ShellCommands(Session session, ShellMode mode) {
        this.session = session;
        this.mode = mode;
        this.cli = new CommandLine(new Root(), new Factory(session));
        for (Class<? extends ShellCommand> c : mode.commands()) {
            cli.addSubcommand(c);
        }
        for (Class<? extends ShellCommand> c : KUBECTL) {
            cli.addSubcommand(c);
        }
        cli.addSubcommand(new HelpCmd(this));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(session.out());
        cli.setErr(session.out());
        cli.setParameterExceptionHandler((ex, args) -> {
            PrintWriter out = session.out();
            out.println("error: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, out);
            String name = ex.getCommandLine().getCommandName();
            out.println(name.equals("netpol-lab") ? "type `help`" : "see `help " + name + "`");
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            report(ex);
            return 1;
        });
    }

    /** Names for completion: trainer commands, kubectl verbs, help, and the kubectl prefixes. */
    public List<String> commandNames() {
        List<String> names = new ArrayList<>(cli.getSubcommands().keySet());
        names.add("kubectl");
        names.add("k");
        return names;
    }

    public static List<String> kubectlVerbs() {
        return List.of("get", "describe", "apply", "create", "delete", "edit", "label");
    }

    /** Runs one line already split into words; never throws. */
    public void execute(List<String> words) {
        List<String> args = new ArrayList<>(words);
        args.removeIf(String::isEmpty);
        if (args.isEmpty()) {
            return;
        }
        heredoc(args);
        if (args.get(0).equals("kubectl") || args.get(0).equals("k")) {
            Optional<java.nio.file.Path> real = Kubectl.available(session);
            if (real.isPresent() && args.size() > 1) {
                try {
                    Kubectl.run(session, real.get(), args.subList(1, args.size()));
                } catch (Exception e) {
                    report(e);
                }
                return;
            }
            args.remove(0);
            if (args.isEmpty()) {
                session.out().println("kubectl built-ins: " + String.join(", ", kubectlVerbs()) + " (help NAME for details)");
                return;
            }
            if (!kubectlVerbs().contains(args.get(0)) && !args.get(0).equals("help")) {
                String why = UNSUPPORTED.get(args.get(0));
                session.out().println("error: `kubectl " + args.get(0) + "` is not available in this shell"
                        + (why == null ? "; built-ins: " + String.join(", ", kubectlVerbs()) : ": " + why));
                return;
            }
        } else if (UNSUPPORTED.containsKey(args.get(0))) {
            session.out().println("error: `" + args.get(0) + "` is not available in this shell: " + UNSUPPORTED.get(args.get(0)));
            return;
        }
        if (!cli.getSubcommands().containsKey(args.get(0))) {
            if (TRAINER.stream().anyMatch(c -> c.getAnnotation(Command.class).name().equals(args.get(0)))) {
                session.out().println("error: `" + args.get(0) + "` is not available in a mock exam: as in the real exam, you have kubectl, "
                        + "`probe` and the task; you are graded when you `submit` or the time is up");
                return;
            }
            String guess = dev.netpollab.policy.Suggest.hint(args.get(0), commandNames());
            session.out().println("error: unknown command `" + args.get(0) + "`" + guess + "; type `help`");
            return;
        }
        cli.execute(args.toArray(String[]::new));
        session.out().flush();
    }

    /** {@code apply -f - <<EOF}: takes the heredoc marker out of the words and keeps it for the command. */
    private void heredoc(List<String> args) {
        Pattern p = Pattern.compile("<<-?['\"]?(\\w+)['\"]?");
        for (int i = 0; i < args.size(); i++) {
            String w = args.get(i);
            int at = w.indexOf("<<");
            if (at < 0) {
                continue;
            }
            String marker = w.substring(at);
            if (marker.equals("<<") && i + 1 < args.size()) {
                marker = "<<" + args.remove(i + 1);
            }
            Matcher m = p.matcher(marker);
            if (m.matches()) {
                session.heredoc(m.group(1));
                if (at == 0) {
                    args.remove(i);
                } else {
                    args.set(i, w.substring(0, at));
                }
                return;
            }
        }
    }

    private void report(Exception ex) {
        PrintWriter out = session.out();
        Throwable e = ex;
        // Messages can quote names that a learner or a file gave: only their text is printed (Printable.strip).
        if (e instanceof ShellError se) {
            String m = strip(se.getMessage());
            out.println(m.startsWith("error:") || m.startsWith("Error from server") || m.startsWith("The ") ? m : "error: " + m);
        } else if (e instanceof UserError ue) {
            out.println("error: " + strip(ue.getMessage()));
        } else if (e instanceof LabException le) {
            out.println(session.colors().red("lab error: ") + strip(le.getMessage()));
        } else if (e instanceof KubernetesClientException ke) {
            out.println(strip(KubectlErrors.format(ke, "object", "")));
        } else {
            LoggerFactory.getLogger(ShellCommands.class).error("command failed", ex);
            out.println("internal error: " + strip(String.valueOf(ex)) + " (" + dev.netpollab.lab.AppHome.logHint() + "); your work is unchanged");
        }
        out.flush();
    }

    private static String strip(String s) {
        return s == null ? "" : dev.netpollab.scenario.Printable.strip(s);
    }

    @Command(name = "netpol-lab")
    static final class Root implements Runnable {
        @Override
        public void run() {
        }
    }

    /** Hands the session to each command as picocli creates it. */
    private record Factory(Session session) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            K k = CommandLine.defaultFactory().create(cls);
            if (k instanceof ShellCommand sc) {
                sc.session(session);
            }
            return k;
        }
    }

    @Command(name = "help", description = "List the commands, or show one in detail: help NAME.")
    static final class HelpCmd implements Runnable {
        private final ShellCommands shell;

        @Parameters(arity = "0..1", paramLabel = "NAME")
        String name;

        HelpCmd(ShellCommands shell) {
            this.shell = shell;
        }

        @Override
        public void run() {
            PrintWriter out = shell.session.out();
            if (name != null) {
                String n = name.equals("kubectl") || name.equals("k") ? null : name;
                CommandLine sub = n == null ? null : shell.cli.getSubcommands().get(n);
                if (sub == null) {
                    out.println(n == null ? "kubectl built-ins: " + String.join(", ", kubectlVerbs()) + "; `help get` etc. for each"
                            : "no command `" + name + "`" + dev.netpollab.policy.Suggest.hint(name, shell.commandNames()));
                    return;
                }
                sub.usage(out, CommandLine.Help.Ansi.OFF);
                return;
            }
            out.println(shell.mode.title() + ":");
            for (Class<? extends ShellCommand> c : shell.mode.commands()) {
                line(out, c.getAnnotation(Command.class));
            }
            out.println();
            out.println("kubectl built-ins (also as `kubectl ...` or `k ...`; default namespace: default, use -n):");
            for (Class<? extends ShellCommand> c : KUBECTL) {
                line(out, c.getAnnotation(Command.class));
            }
            out.println();
            out.println("`help NAME` shows a command's options. Tab completes commands, scenario ids, namespaces, pods and files.");
        }

        private static void line(PrintWriter out, Command c) {
            out.printf("  %-10s %s%n", c.name(), c.description().length == 0 ? "" : c.description()[0]);
        }
    }
}
