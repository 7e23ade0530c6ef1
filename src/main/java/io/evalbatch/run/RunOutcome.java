package io.evalbatch.run;

import java.util.List;

/**
 * How an execution of a run ended.
 *
 * @param status   Spring Batch status of the execution (COMPLETED, FAILED, STOPPED, ...)
 * @param failures what went wrong, most specific first; empty when it completed
 */
public record RunOutcome(String runId, String status, List<String> failures) {

    public boolean completed() {
        return "COMPLETED".equals(status);
    }
}
