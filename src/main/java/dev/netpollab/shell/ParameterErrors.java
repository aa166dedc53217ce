package dev.netpollab.shell;

import dev.netpollab.policy.Suggest;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Says what a mistyped command line wants, in plain words ("--seed wants a number, got 'abc'"), for every
 * option and parameter at once: picocli's own messages speak of Java types and value counts. Used by the
 * command line and by the shell, each adding how to get help in its own words.
 */
public final class ParameterErrors {
    private ParameterErrors() {
    }

    /** One line, without a leading "error: ". */
    public static String plain(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u) {
            return unmatched(u);
        }
        if (ex instanceof CommandLine.MissingParameterException m && !m.getMissing().isEmpty()) {
            return missing(ex.getCommandLine(), m);
        }
        if (ex instanceof CommandLine.OverwrittenOptionException o && o.getOverwritten() != null) {
            return name(o.getOverwritten()) + " is given more than once; give it once";
        }
        if (ex instanceof CommandLine.MaxValuesExceededException) {
            return ex.getMessage().replace("option '", "").replace("'", "");
        }
        if (ex.getCause() instanceof CommandLine.TypeConversionException && ex.getArgSpec() != null && ex.getValue() != null) {
            return name(ex.getArgSpec()) + " wants " + wanted(ex.getArgSpec(), ex.getValue()) + ", got '" + ex.getValue() + "'";
        }
        return ex.getMessage();
    }

    private static String unmatched(CommandLine.UnmatchedArgumentException u) {
        List<String> args = u.getUnmatched();
        if (u.isUnknownOption()) {
            String option = args.stream().filter(a -> a.startsWith("-")).findFirst().orElse(args.isEmpty() ? "?" : args.get(0));
            String typed = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
            List<String> names = u.getCommandLine().getCommandSpec().options().stream().filter(o -> !o.hidden())
                    .flatMap(o -> java.util.Arrays.stream(o.names())).toList();
            return "unknown option " + option + Suggest.hint(typed, names);
        }
        List<String> suggestions = u.getSuggestions();
        String hint = suggestions.isEmpty() ? "" : Suggest.hint(args.get(0), suggestions);
        String what = args.stream().map(a -> "'" + a + "'").collect(Collectors.joining(" "));
        return (args.size() == 1 ? "unexpected argument " : "unexpected arguments ") + what
                + " (" + u.getCommandLine().getCommandName() + " takes " + arguments(u.getCommandLine()) + ")" + hint;
    }

    private static String arguments(CommandLine cl) {
        List<String> labels = cl.getCommandSpec().positionalParameters().stream().filter(p -> !p.hidden()).map(ArgSpec::paramLabel).toList();
        return labels.isEmpty() ? "no arguments" : String.join(" ", labels);
    }

    private static String missing(CommandLine cl, CommandLine.MissingParameterException m) {
        String message = String.valueOf(m.getMessage());
        List<ArgSpec> options = new ArrayList<>();
        List<ArgSpec> positionals = new ArrayList<>();
        m.getMissing().forEach(a -> (a.isOption() ? options : positionals).add(a));
        if (!positionals.isEmpty()) {
            return cl.getCommandName() + " needs " + and(positionals.stream().map(ArgSpec::paramLabel).toList());
        }
        if (message.startsWith("Missing required option")) {
            List<String> each = options.stream().map(o -> name(o) + " " + o.paramLabel()).toList();
            return and(each) + (each.size() == 1 ? " is required" : " are required");
        }
        // The option is there but its value is not (or too few values for an option that takes several).
        ArgSpec o = options.get(0);
        int wants = o.arity().min();
        return name(o) + (wants > 1 ? " needs " + wants + " values: " + o.paramLabel() : " needs a value: " + o.paramLabel()
                + (numeric(o) ? " (a number)" : enumValues(o).isEmpty() ? "" : " (" + enumValues(o) + ")"));
    }

    private static String wanted(ArgSpec a, String value) {
        if (numeric(a)) {
            return value.matches("[-+]?\\d*\\.\\d+") ? "a whole number" : "a number";
        }
        if (!enumValues(a).isEmpty()) {
            return enumValues(a);
        }
        Class<?> t = type(a);
        if (t == Boolean.class || t == boolean.class) {
            return "true or false";
        }
        return a.paramLabel();
    }

    private static String enumValues(ArgSpec a) {
        Class<?> t = type(a);
        if (t == null || !t.isEnum()) {
            return "";
        }
        List<String> values = new ArrayList<>();
        if (a.completionCandidates() != null) {
            a.completionCandidates().forEach(values::add);
        }
        return join(values, " or ");
    }

    private static boolean numeric(ArgSpec a) {
        Class<?> t = type(a);
        return t != null && (Number.class.isAssignableFrom(t) || t == int.class || t == long.class || t == short.class || t == byte.class
                || t == double.class || t == float.class);
    }

    /** The element type: for a list of values, what one value is. */
    private static Class<?> type(ArgSpec a) {
        Class<?> t = a.type();
        if ((t != null && (t.isArray() || Collection.class.isAssignableFrom(t))) && a.auxiliaryTypes().length > 0) {
            return a.auxiliaryTypes()[0];
        }
        return t != null && t.isArray() ? t.getComponentType() : t;
    }

    private static String name(ArgSpec a) {
        return a instanceof OptionSpec o ? o.longestName() : a.paramLabel();
    }

    private static String and(List<String> items) {
        return join(items, " and ");
    }

    /** "a, b and c" (or with " or "). */
    private static String join(List<String> items, String last) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + last + items.get(items.size() - 1);
    }
}
