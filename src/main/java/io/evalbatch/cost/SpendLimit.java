package io.evalbatch.cost;

import io.evalbatch.definition.JobDefinition;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepInterruptionPolicy;

/**
 * Stops a run before the chunk that would take its spend past {@code cost.max}: before each chunk,
 * the spend so far (from the database, so every partition, worker and earlier execution counts)
 * plus one chunk of every partition at the mean cost of a judgment so far must stay within the
 * cap. The chunks in flight commit; the run ends STOPPED, and a restart with a higher cap
 * continues it.
 */
public final class SpendLimit implements StepInterruptionPolicy {

    private final String runId;
    private final JobDefinition definition;
    private final RunSpend spend;
    private final double max;

    public SpendLimit(String runId, JobDefinition definition, RunSpend spend, double max) {
        this.runId = runId;
        this.definition = definition;
        this.spend = spend;
        this.max = max;
    }

    @Override
    public void checkInterrupted(StepExecution stepExecution) throws JobInterruptedException {
        TokenUsage spent = spend.total(runId, definition);
        double cost = spent.cost() == null ? 0 : spent.cost();
        double perJudgment = spent.judgments() == 0 ? 0 : cost / spent.judgments();
        double next = perJudgment * definition.execution().chunk() * definition.execution().partitions();
        if (cost + next > max) {
            stepExecution.setTerminateOnly();
            throw new SpendLimitReached(runId, max, cost, next);
        }
    }
}
