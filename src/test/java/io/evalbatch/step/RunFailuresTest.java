package io.evalbatch.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.evalbatch.filter.ScoringUnavailableException;
import org.junit.jupiter.api.Test;

/** The reasons a run failed, as run, results and runs say them: the specific cause, each kind once. */
class RunFailuresTest {

    @Test
    void partitionsThatFailedAlikeAreOneLineAndOtherReasonsStay() {
        List<Throwable> failures = List.of(
                new IllegalStateException("chunk failed", new ScoringUnavailableException("sim failed at sample 2")),
                new ScoringUnavailableException("sim failed at sample 17"),
                new ScoringUnavailableException("sim failed at sample 40"),
                new ScoringUnavailableException("the sandbox cannot start: no python"));
        assertThat(RunFailures.explain(failures)).containsExactly(
                "sim failed at sample 2 (and 2 more alike, in other partitions)",
                "the sandbox cannot start: no python");
    }
}
