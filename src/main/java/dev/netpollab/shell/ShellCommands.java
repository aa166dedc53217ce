package dev.netpollab.shell;

import dev.netpollab.lab.LabException;
import dev.netpollab.scenario.UserError;
import dev.netpollab.shell.kubectl.KubectlApply;
import dev.netpollab.shell.kubectl.KubectlDelete;
import dev.netpollab.shell.kubectl.KubectlDescribe;
import dev.netpollab.shell.kubectl.KubectlEdit;
import dev.netpollab.shell.kubectl.KubectlErrors;
import dev.netpollab.shell.kubectl.KubectlExec;
import dev.netpollab.shell.kubectl.KubectlExplain;
import dev.netpollab.shell.kubectl.KubectlLine;
import dev.netpollab.shell.kubectl.KubectlRun;
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
            KubectlApply.Create.class, KubectlDelete.class, KubectlEdit.class, KubectlLabel.class, KubectlExec.class, KubectlRun.class);
    /** Every verb of the real kubectl, for its "did you mean" (a typo of a verb the shell lacks is still a typo). */
    static final List<String> KUBECTL_VERBS = List.of("annotate", "api-resources", "api-versions", "apply", "attach", "auth", "autoscale",
            "certificate", "cluster-info", "completion", "config", "cordon", "cp", "create", "debug", "delete", "describe", "diff", "drain", "edit",
            "events", "exec", "explain", "expose", "get", "kustomize", "label", "logs", "patch", "plugin", "port-forward", "proxy", "replace",
            "rollout", "run", "scale", "set", "taint", "top", "uncordon", "version", "wait");
    /** kubectl verbs the shell does not offer, and what to do instead. */
    static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            Map.entry("logs", "world pods only serve their ports; `k exec POD -- curl ...`, `probe` and `check` show what reaches them"),
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
    /** kubectl explain: its own command line, since the trainer has an `explain` of its own. */
    private final CommandLine explain;

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
        this.explain = new CommandLine(KubectlExplain.class, new Factory(session));
        for (CommandLine c : List.of(cli, explain)) {
            c.setCaseInsensitiveEnumValuesAllowed(true);
            c.setOut(session.out());
            c.setErr(session.out());
            c.setParameterExceptionHandler((ex, args) -> {
                PrintWriter out = session.out();
                String name = ex.getCommandLine().getCommandName();
                if (isKubectl(name)) {
                    // kubectl's flag parser (pflag) words these its own way; candidates know those lines.
                    out.println(KubectlLine.flagError(ex, args));
                    out.println("See 'kubectl " + name + " --help' for usage.");
                    return 2;
                }
                out.println("error: " + ex.getMessage());
                CommandLine.UnmatchedArgumentException.printSuggestions(ex, out);
                out.println(name.equals("netpol-lab") ? "type `help`" : "see `help " + name + "`");
                return 2;
            });
            c.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
                report(ex);
                return 1;
            });
        }
    }

    /** Names for completion: trainer commands, kubectl verbs, help, and the kubectl prefixes. */
    public List<String> commandNames() {
        List<String> names = new ArrayList<>(cli.getSubcommands().keySet());
        names.add("kubectl");
        names.add("k");
        return names;
    }

    /** Every spelling of every flag of a command (empty for an unknown one), for completion. */
    List<String> optionNames(String command) {
        CommandLine c = command.equals("explain") ? explain : cli.getSubcommands().get(command);
        if (c == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        c.getCommandSpec().options().forEach(o -> out.addAll(List.of(o.names())));
        return out;
    }

    public static List<String> kubectlVerbs() {
        return List.of("get", "describe", "apply", "create", "delete", "edit", "label", "exec", "run", "explain");
    }

    /** Runs one line already split into words; never throws. */
    public void execute(List<String> words) {
        List<String> args = new ArrayList<>(words);
        args.removeIf(String::isEmpty);
        if (args.isEmpty()) {
            return;
        }
        heredoc(args);
        boolean kubectl = args.get(0).equals("kubectl") || args.get(0).equals("k");
        if (kubectl) {
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
            KubectlLine.moveGlobalFlags(args);
            if (args.isEmpty()) {
                session.out().println("kubectl built-ins: " + String.join(", ", kubectlVerbs()) + " (help NAME for details)");
                return;
            }
            String verb = args.get(0);
            if (!kubectlVerbs().contains(verb) && !verb.equals("help")) {
                String why = UNSUPPORTED.get(verb);
                if (why != null) {
                    session.out().println("error: `kubectl " + verb + "` is not available in this shell: " + why);
                } else if (KUBECTL_VERBS.contains(verb)) {
                    session.out().println("error: `kubectl " + verb + "` is not available in this shell; built-ins: " + String.join(", ", kubectlVerbs()));
                } else {
                    session.out().println(KubectlLine.unknownCommand(verb, KUBECTL_VERBS));
                }
                return;
            }
        } else if (UNSUPPORTED.containsKey(args.get(0))) {
            session.out().println("error: `" + args.get(0) + "` is not available in this shell: " + UNSUPPORTED.get(args.get(0)));
            return;
        }
        if (args.get(0).equals("explain") && (kubectl || KubectlLine.looksLikeResource(args))) {
            run(explain, args.subList(1, args.size()));
            return;
        }
        if (!cli.getSubcommands().containsKey(args.get(0))) {
            if (TRAINER.stream().anyMatch(c -> c.getAnnotation(Command.class).name().equals(args.get(0)))) {
                session.out().println("error: `" + args.get(0) + "` is not available " + mode.unavailable(args.get(0)));
                return;
            }
            String guess = dev.netpollab.policy.Suggest.hint(args.get(0), commandNames());
            session.out().println("error: unknown command `" + args.get(0) + "`" + guess + "; type `help`");
            return;
        }
        if (KubectlLine.wantsHelp(args) && isKubectl(args.get(0))) {
            cli.getSubcommands().get(args.get(0)).usage(session.out(), CommandLine.Help.Ansi.OFF);
            return;
        }
        cli.execute(args.toArray(String[]::new));
        session.out().flush();
    }

    private void run(CommandLine c, List<String> args) {
        if (KubectlLine.wantsHelp(args)) {
            c.usage(session.out(), CommandLine.Help.Ansi.OFF);
            return;
        }
        c.execute(args.toArray(String[]::new));
        session.out().flush();
    }

    private static boolean isKubectl(String name) {
        return KUBECTL.stream().anyMatch(c -> c.getAnnotation(Command.class).name().equals(name)) || name.equals("explain");
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
                if (sub == null && "explain".equals(n)) {
                    sub = shell.explain;
                }
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
            out.printf("  %-10s %s%n", "explain", KubectlExplain.class.getAnnotation(Command.class).description()[0] + " (k explain ...)");
            out.println();
            out.println("`help NAME` shows a command's options. Tab completes commands, scenario ids, namespaces, pods and files.");
        }

        private static void line(PrintWriter out, Command c) {
            out.printf("  %-10s %s%n", c.name(), c.description().length == 0 ? "" : c.description()[0]);
        }
    }
}
