package io.evalbatch.report;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One line of {@code evalbatch runs}: a run and the state of its latest execution.
 *
 * @param invalidLines input lines skipped as invalid ({@code input.max-invalid})
 * @param failure      why its latest execution did not complete, in words; null when it did or
 *                     when no reason was recorded (a killed process)
 * @param label        the run's label ({@code label:} or {@code --label}); null without one
 */
public record RunOverview(String runId, String job, String inputs, String status, @Nullable String failure,
                          long results, long samples, long invalidLines, Instant createdAt,
                          @Nullable Instant startedAt, @Nullable Instant endedAt, @Nullable String label) {
}
