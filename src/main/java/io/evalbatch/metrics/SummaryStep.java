package io.evalbatch.metrics;

import org.springframework.batch.core.step.Step;

/**
 * The {@code summary} step of every run and of {@code evalbatch metrics}: task and group metrics.
 * A type of its own, so that the jobs that run it take it by type and their shape shows in their
 * imports.
 */
public record SummaryStep(Step step) {
}
