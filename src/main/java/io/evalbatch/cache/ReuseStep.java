package io.evalbatch.cache;

import org.springframework.batch.core.step.Step;

/**
 * The {@code reuse} step of every run: results of identical samples that earlier runs computed. A
 * type of its own, so that the jobs that run it take it by type and their shape shows in their
 * imports.
 */
public record ReuseStep(Step step) {
}
