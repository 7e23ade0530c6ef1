package io.evalbatch.metrics;

import org.springframework.batch.core.step.Step;

/**
 * The {@code metrics} step of every run and of {@code evalbatch metrics}: per-document metric
 * values. A type of its own, so that the jobs that run it take it by type and their shape shows in
 * their imports.
 */
public record MetricsStep(Step step) {
}
