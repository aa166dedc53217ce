package dev.netpollab.cli;

import dev.netpollab.exam.ProgressStore;
import dev.netpollab.lab.AppHome;
import dev.netpollab.scenario.InvalidInputException;
import dev.netpollab.shell.DrillMode;
import dev.netpollab.shell.Shell;
import dev.netpollab.scenario.UserError;
import dev.netpollab.scenario.YamlProblem;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import dev.netpollab.shell.ParameterErrors;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

// Every description element is a whole paragraph, so picocli wraps sentences to the terminal's width and never
// breaks one where a source line ended.
@Command(name = "netpol-lab", versionProvider = Main.Version.class,
        description = {"A hands-on trainer for the Kubernetes NetworkPolicy part of the CKS exam. Without a command it starts the "
                + "interactive drill shell."},
        subcommands = {ListCommand.class, ExamCommand.class, HistoryCommand.class, ValidateCommand.class, CheckCommand.class,
                AnalyzeCommand.class, DoctorCommand.class, CalicoManifestCommand.class, WorkshopCommand.class, JoinCommand.class,
                CdsTrainingCommand.class, CommandLine.HelpCommand.class})
public class Main implements Callable<Integer> {
    /** Exit code for input the user must fix (files, flags, ids). */
    public static final int INVALID_INPUT = 2;
    /** Exit code for a defect of ours; the details go to the log. */
    public static final int INTERNAL_ERROR = 70;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    @Mixin
    LibraryOptions library;

    @Mixin
    LabOptions lab;

    @Mixin
    ColorOption color;

    @Override
    public Integer call() throws java.io.IOException {
        var scenarios = Library.load(library, new PrintWriter(Writer.nullWriter()));
        LabChooser.Choice choice = LabChooser.choose(lab);
        boolean piped = System.console() == null;
        return Shell.run(new Shell.Options(scenarios, choice.handle(), new DrillMode(choice.note()), ProgressStore.open(),
                color.noColor, Clock.systemUTC(), piped ? System.in : null, piped ? System.out : null));
    }

    public static void main(String[] args) {
        Logging.init();
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                StandardCharsets.UTF_8), 1 << 16));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        int code = execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs a command line with the given streams; the exit code is returned, never thrown. */
    public static int execute(String[] args, PrintWriter rawOut, PrintWriter rawErr) {
        // Everything printed passes the terminal guard: only text and netpol-lab's own colours reach the screen.
        PrintWriter out = new PrintWriter(new dev.netpollab.shell.SafeTerminalWriter(rawOut));
        PrintWriter err = new PrintWriter(new dev.netpollab.shell.SafeTerminalWriter(rawErr), true);
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } catch (StackOverflowError | OutOfMemoryError e) {
            // picocli hands over Exceptions only; these must still end as a message, never as a JVM trace.
            err.println("internal error: " + (e instanceof OutOfMemoryError
                    ? "out of memory (the input is too large for this heap; see Limits in the README)" : "the input nests too deeply"));
            return INTERNAL_ERROR;
        } finally {
            out.flush();
            err.flush();
        }
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        addHelpOption(cl);
        cl.setUsageHelpAutoWidth(true);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e, commandLine.getErr()));
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + ParameterErrors.plain(ex));
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return INVALID_INPUT;
        });
        return cl;
    }

    /** Every command, at every depth, answers -h/--help, as users type `netpol-lab exam --help`; only the top level has -V. */
    private static void addHelpOption(CommandLine parent) {
        parent.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().helpCommand() && sub.getCommandSpec().findOption("--help") == null) {
                sub.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Show this help and exit.").build());
            }
            addHelpOption(sub);
        });
    }

    static int handle(Exception e, PrintWriter err) {
        if (e instanceof InvalidInputException iie) {
            for (YamlProblem p : iie.problems()) {
                err.println("error: " + p);
            }
            return INVALID_INPUT;
        }
        if (e instanceof UserError ue) {
            err.println("error: " + ue.getMessage());
            return INVALID_INPUT;
        }
        try {
            LoggerFactory.getLogger(Main.class).error("internal error", e);
        } catch (RuntimeException | LinkageError logFailed) {
            // The message below is what matters.
        }
        err.println("internal error: " + e + " (" + AppHome.logHint() + ")");
        return INTERNAL_ERROR;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"netpol-lab " + (v == null ? "dev" : v)};
        }
    }
}
