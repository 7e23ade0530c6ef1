package io.evalbatch.retry;

import org.springframework.batch.core.step.Step;

/**
 * The {@code errors} step of every run, after simulate: fails the run when more samples than
 * {@code execution.max-errors} allows are errors, before any metric counts them. A type of its own,
 * so that the job that runs it takes it by type.
 */
public record ScorerErrorsStep(Step step) {
}
