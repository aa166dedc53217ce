package dev.netpollab.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ParameterErrorsTest {
    private static CliRun fails(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(Main.INVALID_INPUT);
        assertThat(r.err()).as(String.join(" ", args)).doesNotContain("is not a long", "is not an int", "were specified", "Invalid value",
                "Exception", "\tat ");
        return r;
    }

    @Test
    @DisplayName("the examples of the issue, and the help hint in the command's own words")
    void plainWords() {
        assertThat(fails("exam", "--seed", "abc").err()).isEqualTo("error: --seed wants a number, got 'abc'\n"
                + "Try 'netpol-lab exam --help' for usage.\n");
        assertThat(fails("analyze", "x", "--explain", "a").err()).startsWith("error: --explain needs 2 values: SRC DST:PORT[/PROTO]\n");
        assertThat(fails("history", "--last", "1.5").err()).startsWith("error: --last wants a whole number, got '1.5'\n");
        assertThat(fails("list", "--format", "xml").err()).startsWith("error: --format wants table or json, got 'xml'\n");
        assertThat(fails("check").err()).startsWith("error: --scenario ID and --policies FILE_OR_DIR are required\n");
        assertThat(fails("list", "--frmat", "json").err()).startsWith("error: unknown option --frmat (did you mean \"--format\"?)\n");
        assertThat(fails("list", "extra").err()).startsWith("error: unexpected argument 'extra' (list takes no arguments)\n");
        assertThat(fails("exam", "--seed", "1", "--seed", "2").err()).startsWith("error: --seed is given more than once; give it once\n");
        assertThat(fails("exam", "--seed").err()).startsWith("error: --seed needs a value: S (a number)\n");
    }

    @Test
    @DisplayName("every numeric option of every command, and every choice option, is worded by one handler, not option by option")
    void everyTypedOption() {
        CommandLine root = Main.commandLine();
        List<CommandLine> all = new ArrayList<>(root.getSubcommands().values());
        all.add(root);
        int numeric = 0;
        int choices = 0;
        for (CommandLine c : all) {
            List<String> path = new ArrayList<>();
            if (c != root) {
                path.add(c.getCommandName());
            }
            for (OptionSpec o : c.getCommandSpec().options()) {
                Class<?> t = o.type();
                boolean isNumber = t == int.class || t == long.class || Number.class.isAssignableFrom(t);
                if (isNumber) {
                    numeric++;
                    List<String> args = new ArrayList<>(path);
                    args.addAll(List.of(o.longestName(), "abc"));
                    assertThat(fails(args.toArray(String[]::new)).err()).startsWith("error: " + o.longestName() + " wants a number, got 'abc'");
                } else if (t.isEnum()) {
                    choices++;
                    List<String> args = new ArrayList<>(path);
                    args.addAll(List.of(o.longestName(), "nonsense"));
                    assertThat(fails(args.toArray(String[]::new)).err()).startsWith("error: " + o.longestName() + " wants ")
                            .contains(", got 'nonsense'");
                }
            }
        }
        assertThat(numeric).as("numeric options found (exam --tasks/--minutes/--seed, history --last)").isGreaterThanOrEqualTo(4);
        assertThat(choices).as("choice options found (list/analyze --format, analyze --state)").isGreaterThanOrEqualTo(3);
    }
}
