package dev.netpollab.scenario;

import java.util.List;
import java.util.stream.Collectors;

/** Input a user wrote is wrong; carries every problem found, each naming file, object and field. */
public class InvalidInputException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<YamlProblem> problems;

    public InvalidInputException(List<YamlProblem> problems) {
        super(problems.stream().map(YamlProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public InvalidInputException(YamlProblem problem) {
        this(List.of(problem));
    }

    public List<YamlProblem> problems() {
        return problems;
    }
}
