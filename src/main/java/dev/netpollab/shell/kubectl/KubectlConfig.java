package dev.netpollab.shell.kubectl;

import dev.netpollab.grade.TextTable;
import dev.netpollab.shell.ShellError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code kubectl config}: the part every exam task starts with ({@code use-context}) and the namespace switch
 * candidates use ({@code set-context --current --namespace=NS}). The shell's lab is one context, {@value #CONTEXT}.
 */
@Command(name = "config", description = "Contexts: use-context, current-context, get-contexts, set-context --current --namespace=NS.")
public final class KubectlConfig extends KubectlCommand {
    /** The one context of the built-in kubectl. */
    public static final String CONTEXT = "netpol-lab";

    @Parameters(index = "0", paramLabel = "SUBCOMMAND", description = "use-context, current-context, get-contexts or set-context.")
    String sub;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "NAME")
    List<String> rest = new ArrayList<>();

    @Option(names = "--current", description = "set-context: change the current context.")
    boolean current;

    @Override
    protected void run() {
        switch (sub) {
            case "current-context" -> s.out().println(CONTEXT);
            case "use-context" -> {
                String name = one("use-context CONTEXT_NAME");
                known(name);
                s.out().println("Switched to context \"" + name + "\".");
            }
            case "get-contexts" -> {
                rest.forEach(KubectlConfig::known);
                TextTable t = new TextTable("CURRENT", "NAME", "CLUSTER", "AUTHINFO", "NAMESPACE");
                t.row("*", CONTEXT, CONTEXT, CONTEXT, s.defaultNamespace().equals("default") ? "" : s.defaultNamespace());
                t.lines().forEach(l -> s.out().println(l.stripTrailing()));
            }
            case "set-context" -> {
                if (!current && rest.isEmpty()) {
                    throw new ShellError("error: you must specify a non-empty context name or --current");
                }
                String name = current ? CONTEXT : rest.get(0);
                known(name);
                if (namespace != null) {
                    s.defaultNamespace(Names.checkNamespace(namespace));
                }
                s.out().println("Context \"" + name + "\" modified.");
            }
            default -> throw new ShellError("error: `kubectl config " + sub + "` is not available in this shell; it has one context, " + CONTEXT
                    + ": use-context, current-context, get-contexts and set-context --current --namespace=NS work");
        }
    }

    private String one(String usage) {
        if (rest.size() != 1) {
            throw new ShellError("error: Unexpected args: " + rest + "\nSee 'kubectl config " + usage + "' for usage.");
        }
        return rest.get(0);
    }

    /** Exam tasks name their own context (k8s, KSCS00101...): here there is one, and kubectl's error says so for any other. */
    private static void known(String name) {
        if (!name.equals(CONTEXT)) {
            throw new ShellError("error: no context exists with the name: \"" + name + "\" (this lab's context is " + CONTEXT + ")");
        }
    }
}
