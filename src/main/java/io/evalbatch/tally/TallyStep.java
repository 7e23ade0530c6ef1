package io.evalbatch.tally;

import org.springframework.batch.core.step.Step;

/**
 * The {@code tally} step of every run and of {@code evalbatch metrics}: what pages show of all
 * results, counted once. A type of its own, so that the jobs that run it take it by type and their
 * shape shows in their imports.
 */
public record TallyStep(Step step) {
}
