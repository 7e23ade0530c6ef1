package io.evalbatch.ingest;

import java.nio.file.Path;

import io.evalbatch.plugin.Api;
import org.jspecify.annotations.Nullable;

/**
 * One input file of a job, with what the job's {@code input} says beside it, as a
 * {@link SampleFormat} gets it.
 *
 * @param file       the file (or directory, for a format that reads them), absolute
 * @param task       the job's {@code input.task} for this file, {@code {file}} replaced; null when the
 *                   job names none and the format says which task each record belongs to
 * @param problems   the job's {@code input.problems}, absolute; null when it names none
 * @param references the job's {@code input.references}, absolute; null when it names none
 */
@Api
public record FormatInput(Path file, @Nullable String task, @Nullable Path problems, @Nullable Path references) {
}
