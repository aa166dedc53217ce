package dev.netpollab.cli;

import dev.netpollab.exam.HistoryLog;
import dev.netpollab.exam.HistoryView;
import dev.netpollab.grade.Colors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "history", description = "Past mock exams and drill checks, exam scores over time, and the weakest topics.")
public class HistoryCommand implements Callable<Integer> {
    @Option(names = "--last", defaultValue = "10", paramLabel = "N", description = "Entries of each kind to show. Default: ${DEFAULT-VALUE}.")
    int last;

    @Mixin
    ColorOption color;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        HistoryView.render(HistoryLog.open().read(), Colors.detect(color.noColor), last).forEach(spec.commandLine().getOut()::println);
        return 0;
    }
}
