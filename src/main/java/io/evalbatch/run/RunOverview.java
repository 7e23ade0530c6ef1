package io.evalbatch.run;

import java.time.Instant;

/** One line of {@code evalbatch runs}: a run and the state of its latest execution. */
public record RunOverview(String runId, String job, String inputs, String status, String exitMessage,
                          long results, long samples, Instant createdAt, Instant startedAt, Instant endedAt) {
}
