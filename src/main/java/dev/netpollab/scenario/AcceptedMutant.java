package dev.netpollab.scenario;

/**
 * A wrong repair the scenario's expectations and checks knowingly let through, with the author's reason.
 *
 * @param mutant the mutant as {@code validate} names it: {@code OPERATOR ns/policy PATH}
 */
public record AcceptedMutant(String mutant, String reason) {
}
