package io.evalbatch.run;

import java.time.Instant;

/**
 * One line of {@code evalbatch runs}: a run and the state of its latest execution.
 *
 * @param invalidLines input lines skipped as invalid ({@code input.max-invalid})
 */
public record RunOverview(String runId, String job, String inputs, String status, String exitMessage,
                          long results, long samples, long invalidLines, Instant createdAt, Instant startedAt,
                          Instant endedAt) {
}
