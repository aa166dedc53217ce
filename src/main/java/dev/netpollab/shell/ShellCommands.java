package dev.netpollab.shell;

import dev.netpollab.lab.LabException;
import dev.netpollab.scenario.UserError;
import dev.netpollab.shell.kubectl.KubectlApply;
import dev.netpollab.shell.kubectl.KubectlConfig;
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
import java.util.LinkedHashMap;
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
            KubectlApply.Create.class, KubectlDelete.class, KubectlEdit.class, KubectlLabel.class, KubectlExec.class, KubectlRun.class, KubectlConfig.class);
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
            Map.entry("top", "not available in this lab"),
            Map.entry("debug", "use `probe` and `explain`"));

    private final Session session;
    private final ShellMode mode;
    /**
     * Each command is a command line of its own, not a subcommand of a root: its usage and errors then say
     * `Usage: check [--report=DIR]`, the words typed at this prompt, never `netpol-lab check`.
     */
    private final Map<String, CommandLine> commands = new LinkedHashMap<>();
    /** kubectl explain: its own command line, since the trainer has an `explain` of its own. */
    private final CommandLine explain;
    /** clear, export, alias, cat, vim: the bash around kubectl. */
    private final ShellUtilities utilities;

    public ShellCommands(Session session, ShellMode mode) {
        this.session = session;
        this.mode = mode;
        this.utilities = new ShellUtilities(session);
        Factory factory = new Factory(session);
        for (Class<? extends ShellCommand> c : mode.commands()) {
            add(withHelpOption(new CommandLine(c, factory)));
        }
        for (Class<? extends ShellCommand> c : KUBECTL) {
            add(new CommandLine(c, factory));
        }
        add(withHelpOption(new CommandLine(new HelpCmd(this))));
        this.explain = new CommandLine(KubectlExplain.class, factory);
        List<CommandLine> all = new ArrayList<>(new java.util.LinkedHashSet<>(commands.values()));
        all.add(explain);
        for (CommandLine c : all) {
            c.setCaseInsensitiveEnumValuesAllowed(true);
            c.setUsageHelpAutoWidth(true);
            c.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
            c.setOut(session.out());
            c.setErr(session.out());
            c.setParameterExceptionHandler((ex, args) -> {
                PrintWriter out = session.terminal();
                String name = ex.getCommandLine().getCommandName();
                if (isKubectl(name)) {
                    // kubectl's flag parser (pflag) words these its own way; candidates know those lines.
                    out.println(KubectlLine.flagError(ex, args));
                    out.println("See 'kubectl " + name + " --help' for usage.");
                    return 2;
                }
                out.println("error: " + ParameterErrors.plain(ex));
                out.println("see `help " + name + "`");
                return 2;
            });
            c.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
                report(ex);
                return 1;
            });
        }
    }

    private void add(CommandLine c) {
        commands.put(c.getCommandName(), c);
        for (String alias : c.getCommandSpec().aliases()) {
            commands.put(alias, c);
        }
    }

    /** Trainer and exam commands answer -h/--help like any command line; kubectl's built-ins answer it kubectl's way. */
    private static CommandLine withHelpOption(CommandLine c) {
        c.addMixin("help", CommandLine.Model.CommandSpec.forAnnotatedObject(new HelpOption()));
        return c;
    }

    static final class HelpOption {
        @picocli.CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
        boolean help;
    }

    /** Names for completion: trainer commands, kubectl verbs, help, and the kubectl prefixes. */
    public List<String> commandNames() {
        List<String> names = new ArrayList<>(commands.keySet());
        names.add("kubectl");
        names.add("k");
        return names;
    }

    /** The command line of one command (kubectl's explain for "explain" only when asked as kubectl's), or null. */
    CommandLine commandLine(String name) {
        return commands.get(name);
    }

    /** Every spelling of every flag of a command (empty for an unknown one), for completion. */
    List<String> optionNames(String command) {
        CommandLine c = command.equals("explain") ? explain : commands.get(command);
        if (c == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        c.getCommandSpec().options().forEach(o -> out.addAll(List.of(o.names())));
        return out;
    }

    public static List<String> kubectlVerbs() {
        return List.of("get", "describe", "apply", "create", "delete", "edit", "label", "exec", "run", "explain", "config");
    }

    /**
     * Runs one line already split into words; never throws. Aliases and variables are expanded first; a {@code > FILE}
     * or {@code | grep} takes what the command prints (errors still reach the terminal).
     */
    public void execute(List<String> words) {
        List<String> args = new ArrayList<>(words);
        args.removeIf(String::isEmpty);
        if (args.isEmpty()) {
            return;
        }
        args = new ArrayList<>(ShellWords.expand(args, utilities.aliases(), session::env));
        if (args.isEmpty()) {
            return;
        }
        heredoc(args);
        ShellWords.Redirect redirect;
        java.util.function.UnaryOperator<List<String>> filter;
        ShellWords.Pipe pipe = ShellWords.pipe(args);
        try {
            filter = pipe.filter().isEmpty() ? null : ShellUtilities.grep(pipe.filter());
            args = pipe.command();
            redirect = ShellWords.redirect(args);
        } catch (ShellError e) {
            session.takeHeredoc();
            report(e);
            return;
        }
        if (args.isEmpty()) {
            session.takeHeredoc();
            return;
        }
        if (redirect == null && filter == null) {
            dispatch(args);
            return;
        }
        java.io.StringWriter captured = new java.io.StringWriter();
        session.redirect(new PrintWriter(captured));
        try {
            dispatch(args);
        } finally {
            session.endRedirect();
        }
        String text = captured.toString();
        if (filter != null) {
            StringBuilder kept = new StringBuilder();
            filter.apply(text.lines().toList()).forEach(l -> kept.append(l).append('\n'));
            text = kept.toString();
        }
        if (redirect == null) {
            session.out().print(text);
        } else {
            utilities.write(redirect, text);
        }
        session.out().flush();
    }

    private void dispatch(List<String> args) {
        if (ShellUtilities.NAMES.contains(args.get(0))) {
            try {
                utilities.run(args);
            } catch (ShellError e) {
                report(e);
            }
            session.out().flush();
            return;
        }
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
                    session.terminal().println("error: `kubectl " + verb + "` is not available in this shell: " + why);
                } else if (KUBECTL_VERBS.contains(verb)) {
                    session.terminal().println("error: `kubectl " + verb + "` is not available in this shell; built-ins: " + String.join(", ", kubectlVerbs()));
                } else {
                    session.terminal().println(KubectlLine.unknownCommand(verb, KUBECTL_VERBS));
                }
                return;
            }
            if (verb.equals("create") && args.size() > 1 && !args.get(1).startsWith("-")) {
                session.terminal().println(createSubcommand(args.subList(1, args.size())));
                return;
            }
        } else if (UNSUPPORTED.containsKey(args.get(0))) {
            session.terminal().println("error: `" + args.get(0) + "` is not available in this shell: " + UNSUPPORTED.get(args.get(0)));
            return;
        }
        boolean ownHelp = args.size() == 2 && (args.get(1).equals("--help") || args.get(1).equals("-h"));
        if (args.get(0).equals("explain") && (kubectl || KubectlLine.looksLikeResource(args) && !ownHelp)) {
            run(explain, args.subList(1, args.size()));
            return;
        }
        if (!commands.containsKey(args.get(0))) {
            if (TRAINER.stream().anyMatch(c -> c.getAnnotation(Command.class).name().equals(args.get(0)))) {
                session.terminal().println("error: `" + args.get(0) + "` is not available " + mode.unavailable(args.get(0)));
                return;
            }
            String guess = dev.netpollab.policy.Suggest.hint(args.get(0), commandNames());
            session.terminal().println("error: unknown command `" + args.get(0) + "`" + guess + "; type `help`");
            return;
        }
        if (KubectlLine.wantsHelp(args) && isKubectl(args.get(0))) {
            commands.get(args.get(0)).usage(session.out(), CommandLine.Help.Ansi.OFF);
            return;
        }
        commands.get(args.get(0)).execute(args.subList(1, args.size()).toArray(String[]::new));
        session.out().flush();
    }

    /** kubectl create's generators (create deployment, create ns, ...); kubectl has none for NetworkPolicies. */
    static final List<String> CREATE_GENERATORS = List.of("clusterrole", "clusterrolebinding", "configmap", "cm", "cronjob", "cj",
            "deployment", "deploy", "ingress", "ing", "job", "namespace", "ns", "poddisruptionbudget", "pdb", "priorityclass", "pc", "quota",
            "resourcequota", "role", "rolebinding", "secret", "service", "svc", "serviceaccount", "sa", "token");

    /** {@code k create deploy x ...}: the world is fixed; anything else is kubectl's unknown command. */
    private static String createSubcommand(List<String> rest) {
        if (CREATE_GENERATORS.contains(rest.get(0))) {
            return "error: `kubectl create " + rest.get(0) + "` is not available in this shell: the world of a scenario is fixed; "
                    + "NetworkPolicies come from YAML: `k apply -f FILE` or `k apply -f - <<EOF`";
        }
        // DefaultSubCommandRun → RequireNoArguments: error: unknown command "ARGS"
        return "error: unknown command \"" + String.join(" ", rest.stream().takeWhile(a -> !a.startsWith("-")).toList()) + "\"\n"
                + "See 'kubectl create -h' for help and examples";
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
        PrintWriter out = session.terminal();
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

    /** What of bash the shell offers, for `help`. */
    static final String SHELL_LINE = "clear, export do=\"--dry-run=client -o yaml\" ($do), alias, echo, cat FILE, cat > FILE <<EOF, "
            + "vim|vi|nano FILE, CMD > FILE, CMD >> FILE, CMD | grep [-i] [-v] [-A N] PATTERN.";

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
                CommandLine sub = n == null ? null : shell.commands.get(n);
                if (sub == null && "explain".equals(n)) {
                    sub = shell.explain;
                }
                if (sub == null && ShellUtilities.NAMES.contains(n)) {
                    out.println("`" + n + "` works as in the exam's bash: " + SHELL_LINE);
                    return;
                }
                if (sub == null) {
                    out.println(n == null ? "kubectl built-ins: " + String.join(", ", kubectlVerbs()) + "; `help get` etc. for each"
                            : "no command `" + name + "`" + dev.netpollab.policy.Suggest.hint(name, shell.commandNames()));
                    return;
                }
                sub.usage(out, CommandLine.Help.Ansi.OFF);
                return;
            }
            int width = shell.session.lineReader().map(r -> r.getTerminal().getWidth()).orElse(0);
            out.println(shell.mode.title() + ":");
            for (Class<? extends ShellCommand> c : shell.mode.commands()) {
                line(out, c.getAnnotation(Command.class).name(), first(c.getAnnotation(Command.class)), width);
            }
            out.println();
            out.println("kubectl built-ins (also as `kubectl ...` or `k ...`; default namespace: default, use -n):");
            for (Class<? extends ShellCommand> c : KUBECTL) {
                line(out, c.getAnnotation(Command.class).name(), first(c.getAnnotation(Command.class)), width);
            }
            line(out, "explain", first(KubectlExplain.class.getAnnotation(Command.class)) + " (k explain ...)", width);
            out.println();
            out.println("Shell, as in the exam terminal:");
            line(out, "", SHELL_LINE, width);
            out.println();
            out.println("`help NAME` shows a command's options.");
            out.println("Tab completes commands, scenario ids, namespaces, pods and files.");
        }

        private static String first(Command c) {
            return c.description().length == 0 ? "" : c.description()[0];
        }

        /** "  name       text", the text wrapped at word boundaries to the terminal's width (none known: one line). */
        private static void line(PrintWriter out, String name, String text, int width) {
            String indent = " ".repeat(13);
            StringBuilder line = new StringBuilder(String.format("  %-10s ", name));
            for (String word : text.split(" ")) {
                if (width > 20 && line.length() + word.length() + 1 > width - 1 && line.length() > indent.length()) {
                    out.println(line.toString().stripTrailing());
                    line = new StringBuilder(indent);
                }
                line.append(word).append(' ');
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
