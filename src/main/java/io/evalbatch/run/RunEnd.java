package io.evalbatch.run;

import java.util.List;

/**
 * How an execution of a run ended.
 *
 * @param status   Spring Batch status of the execution (COMPLETED, FAILED, STOPPED, ...)
 * @param failures what went wrong, most specific first; empty when it completed
 * @param workerLost whether it ended because a worker died or was shut down during a distributed
 *                   run, so that a restart can be expected to finish it
 */
public record RunEnd(String runId, String status, List<String> failures, boolean workerLost) {

    public RunEnd(String runId, String status, List<String> failures) {
        this(runId, status, failures, false);
    }

    public boolean completed() {
        return "COMPLETED".equals(status);
    }
}
