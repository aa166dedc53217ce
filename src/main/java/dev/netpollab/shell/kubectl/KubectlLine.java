package dev.netpollab.shell.kubectl;

import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How kubectl reads a command line before a verb runs: global flags anywhere, its "did you mean", its flag errors. */
public final class KubectlLine {
    private KubectlLine() {
    }

    /**
     * {@code kubectl -n hr get netpol}: {@code -n}/{@code --namespace} is a global flag, so kubectl takes it before the
     * verb too. It is moved after the verb, where the built-ins read it.
     */
    public static void moveGlobalFlags(List<String> args) {
        List<String> moved = new ArrayList<>();
        while (!args.isEmpty() && args.get(0).startsWith("-")) {
            String a = args.get(0);
            if ((a.equals("-n") || a.equals("--namespace")) && args.size() > 1) {
                moved.add(args.remove(0));
                moved.add(args.remove(0));
            } else if (a.startsWith("--namespace=") || a.startsWith("-n") && a.length() > 2) {
                moved.add(args.remove(0));
            } else {
                break;
            }
        }
        if (!moved.isEmpty()) {
            args.addAll(Math.min(1, args.size()), moved);
        }
    }

    /**
     * cobra's answer to an unknown verb, as kubectl prints it: suggestions are verbs within two edits or starting
     * with what was typed.
     */
    public static String unknownCommand(String verb, List<String> verbs) {
        List<String> close = verbs.stream().filter(v -> levenshtein(verb.toLowerCase(Locale.ROOT), v) <= 2 || v.startsWith(verb.toLowerCase(Locale.ROOT)))
                .toList();
        StringBuilder b = new StringBuilder("error: unknown command \"" + verb + "\" for \"kubectl\"");
        if (!close.isEmpty()) {
            b.append("\n\nDid you mean this?");
            close.forEach(c -> b.append("\n\t").append(c));
        }
        return b.toString();
    }

    /** {@code explain netpol.spec}: kubectl's explain rather than the trainer's (which takes NAMESPACE/POD). */
    public static boolean looksLikeResource(List<String> args) {
        if (args.size() < 2) {
            return false;
        }
        String first = args.get(1);
        if (first.startsWith("-")) {
            return true;
        }
        String head = first.contains(".") ? first.substring(0, first.indexOf('.')) : first;
        return !first.contains("/") && (ResourceType.find(head).isPresent() || ResourceType.find(first).isPresent());
    }

    public static boolean wantsHelp(List<String> args) {
        int dashDash = args.indexOf("--");
        List<String> flags = dashDash < 0 ? args : args.subList(0, dashDash);
        return flags.contains("--help") || flags.contains("-h");
    }

    /** pflag's words for a bad flag: {@code unknown shorthand flag: 'A' in -A}, {@code flag needs an argument: 'n' in -n}. */
    public static String flagError(CommandLine.ParameterException ex, String[] args) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            if (arg.startsWith("--")) {
                return "error: unknown flag: " + (arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg);
            }
            if (arg.startsWith("-") && arg.length() > 1) {
                return "error: unknown shorthand flag: '" + arg.charAt(1) + "' in " + arg;
            }
            return "error: unexpected argument \"" + arg + "\"";
        }
        if (ex instanceof CommandLine.MissingParameterException m && m.getMissing() != null && !m.getMissing().isEmpty()
                && m.getMissing().get(0).isOption()) {
            String last = args.length == 0 ? "" : args[args.length - 1];
            if (last.startsWith("--")) {
                return "error: flag needs an argument: " + last;
            }
            if (last.startsWith("-") && last.length() > 1) {
                return "error: flag needs an argument: '" + last.charAt(last.length() - 1) + "' in " + last;
            }
        }
        if (ex instanceof CommandLine.MissingParameterException m && m.getMissing() != null
                && m.getMissing().stream().anyMatch(a -> a.isOption() && List.of(((CommandLine.Model.OptionSpec) a).names()).contains("--filename"))) {
            // apply, create and delete without -f (kubectl's FilenameOptions.RequireFilenameOrKustomize).
            return "error: must specify one of -f and -k";
        }
        if (ex instanceof CommandLine.MissingParameterException) {
            return "error: Required resource not specified.";
        }
        return "error: " + ex.getMessage();
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            prev = cur;
        }
        return prev[b.length()];
    }
}
