package io.evalbatch.ingest;

import org.springframework.batch.core.step.Step;

/**
 * The {@code ingest} step of every run: its input files into {@code sample}. A type of its own, so
 * that the jobs that run it take it by type and their shape shows in their imports.
 */
public record IngestStep(Step step) {
}
