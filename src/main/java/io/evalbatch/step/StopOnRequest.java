package io.evalbatch.step;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepInterruptionPolicy;
import org.springframework.stereotype.Component;

/**
 * Ends a chunk step at its next chunk boundary once its run has been asked to stop
 * ({@link RunService#stopAll()}), after the chunk in flight has committed. Spring Batch 6 reads a
 * stop request only from the in-memory step execution, and a step whose policy reports an
 * interruption without marking the execution would end COMPLETED with items unread: the execution
 * is marked, so that the step ends STOPPED and a restart reads on where it stopped.
 */
@Component
public class StopOnRequest implements StepInterruptionPolicy {

    @Override
    public void checkInterrupted(StepExecution stepExecution) throws JobInterruptedException {
        if (requested(stepExecution)) {
            stepExecution.setTerminateOnly();
            throw new JobInterruptedException("the run was asked to stop");
        }
    }

    /**
     * Whether the run of this step was asked to stop. Spring Batch's stop marks the execution
     * STOPPING and its update makes that STOPPED at once, so both count.
     */
    public static boolean requested(StepExecution stepExecution) {
        BatchStatus status = stepExecution.getJobExecution().getStatus();
        return stepExecution.isTerminateOnly() || status == BatchStatus.STOPPING || status == BatchStatus.STOPPED;
    }
}
