package dev.netpollab.grade;

import dev.netpollab.scenario.Scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a report says: one or more graded tasks (one for a drill check, all of a mock exam), each with its
 * weight and the time spent on it.
 *
 * @param passPercent the pass mark for exams; null for a drill check
 */
public record Report(String title, Instant at, String lab, List<Task> tasks, Integer passPercent) {
    /** @param credit the points: targets fixed less guards broken (see {@link ExamCredit}) */
    public record Task(Scenario scenario, Grade grade, int weight, Duration spent, ExamCredit.Score credit) {
        /** A task with its credit computed against the scenario's broken state. */
        public Task(Scenario scenario, Grade grade, int weight, Duration spent) {
            this(scenario, grade, weight, spent, ExamCredit.score(scenario, grade, weight));
        }

        public double points() {
            return credit.points();
        }
    }

    public Report {
        tasks = List.copyOf(tasks);
    }

    public double totalWeight() {
        return tasks.stream().mapToInt(Task::weight).sum();
    }

    /** The weighted score in percent, 0..100. */
    public double percent() {
        return totalWeight() == 0 ? 0 : 100.0 * tasks.stream().mapToDouble(Task::points).sum() / totalWeight();
    }

    public boolean passed() {
        return passPercent == null ? tasks.stream().allMatch(t -> t.grade().passed()) : percent() >= passPercent;
    }
}
