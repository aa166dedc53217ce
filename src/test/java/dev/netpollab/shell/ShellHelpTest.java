package dev.netpollab.shell;

import dev.netpollab.grade.Colors;
import dev.netpollab.scenario.ScenarioLibrary;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The shell's own help and errors speak the shell's words: what to type at this prompt, never `netpol-lab …`. */
class ShellHelpTest {
    private static final ScenarioLibrary LIBRARY = ScenarioLibrary.load(List.of());
    private final StringWriter screen = new StringWriter();
    /** The drill shell; the other modes' commands are checked by {@link #everyMode()}. */
    private ShellCommands shell = shellOf(ShellCommands.TRAINER);

    private ShellCommands shellOf(List<Class<? extends ShellCommand>> commands) {
        return new ShellCommands(new Session(new PrintWriter(screen, true), Colors.NONE, LIBRARY, null, null, Clock.systemUTC()),
                new ShellMode() {
                    @Override
                    public List<Class<? extends ShellCommand>> commands() {
                        return commands;
                    }

                    @Override
                    public String title() {
                        return "Commands";
                    }

                    @Override
                    public void banner(Session s) {
                    }

                    @Override
                    public String prompt(Session s) {
                        return "> ";
                    }

                    @Override
                    public String status(Session s) {
                        return "";
                    }
                });
    }

    private static List<List<Class<? extends ShellCommand>>> modes() {
        return List.of(ShellCommands.TRAINER, ExamMode.WITH_COACH, WorkshopMode.COMMANDS);
    }

    private String run(String line) {
        screen.getBuffer().setLength(0);
        shell.execute(Arrays.asList(line.split(" ")));
        return screen.toString();
    }

    private List<String> names() {
        return shell.commandNames().stream().filter(n -> !n.equals("kubectl") && !n.equals("k")).toList();
    }

    @Test
    @DisplayName("the drill, the mock exam and the workshop shells: usage in the shell's words and sentences in every mode")
    void everyMode() {
        for (List<Class<? extends ShellCommand>> mode : modes()) {
            shell = shellOf(mode);
            usageInShellWords();
            shellHelpSentences();
        }
    }

    @Test
    @DisplayName("`help NAME` and `NAME --help` show `Usage: NAME …`, never `netpol-lab NAME`")
    void usageInShellWords() {
        assertThat(names()).contains("probe", "get", "apply", "help");
        for (String name : names()) {
            String help = run("help " + name);
            // An alias (exit) shows the command it stands for (quit).
            assertThat(help).as(name).startsWith("Usage: " + shell.commandLine(name).getCommandName()).doesNotContain("Usage: netpol-lab");
            names().forEach(other -> assertThat(help).as(name).doesNotContain("netpol-lab " + other + " ", "netpol-lab " + other + "`"));
            boolean kubectl = ShellCommands.KUBECTL.stream().anyMatch(c -> c.getAnnotation(CommandLine.Command.class).name().equals(name));
            if (!kubectl) {
                assertThat(run(name + " --help")).as(name + " --help").isEqualTo(help);
                assertThat(help).as(name).contains("-h, --help");
            }
        }
    }

    @Test
    @DisplayName("shell help reads as sentences at 100 columns: each description element ends one, no line ends in a comma")
    void shellHelpSentences() {
        for (String name : names()) {
            CommandLine c = shell.commandLine(name);
            List<String> texts = new ArrayList<>(List.of(c.getCommandSpec().usageMessage().description()));
            c.getCommandSpec().options().forEach(o -> texts.addAll(List.of(o.description())));
            c.getCommandSpec().positionalParameters().forEach(p -> texts.addAll(List.of(p.description())));
            for (String t : texts) {
                assertThat(t.strip()).as(name + ": \"" + t + "\"").matches("(?s).*[.:)]$");
            }
            c.setUsageHelpAutoWidth(false);
            c.setUsageHelpWidth(100);
            c.getUsageMessage(CommandLine.Help.Ansi.OFF).lines()
                    .forEach(l -> assertThat(l.stripTrailing()).as(name + " at 100 columns").doesNotEndWith(","));
        }
    }

    @Test
    @DisplayName("errors in the shell: plain words, the shell's own help, and `list` rather than `netpol-lab list`")
    void errorsInShellWords() {
        assertThat(run("start")).isEqualTo("error: start needs ID\nsee `help start`\n");
        assertThat(run("history --last abc")).isEqualTo("error: --last wants a number, got 'abc'\nsee `help history`\n");
        assertThat(run("check --bogus")).isEqualTo("error: unknown option --bogus\nsee `help check`\n");
        assertThat(run("probe a")).isEqualTo("error: probe needs DST:PORT[/PROTO]\nsee `help probe`\n");
        assertThat(run("start no-such-scenario")).contains("`list` shows them all").doesNotContain("netpol-lab");
        shell = shellOf(ExamMode.WITH_COACH);
        assertThat(run("goto x")).isEqualTo("error: N wants a number, got 'x'\nsee `help goto`\n");
    }
}
