package io.evalbatch.distribute;

import java.time.LocalDateTime;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * What the run and its workers both do to partition executions from outside the step: name them,
 * and end one that will not end by itself (lost, withdrawn, or failed before its step ran).
 */
final class Partitions {

    private Partitions() {
    }

    /** "range03" of step "simulateRange:range03". */
    static String name(String stepName) {
        return stepName.substring(stepName.indexOf(':') + 1);
    }

    /**
     * Ends a partition execution that is still marked running.
     *
     * @return whether this ended it; false if it had ended or changed meanwhile (its worker wrote)
     */
    static boolean end(JobRepository jobRepository, long stepExecutionId, BatchStatus status, ExitStatus exit) {
        StepExecution partition = jobRepository.getStepExecution(stepExecutionId);
        if (partition == null || !partition.getStatus().isRunning()) {
            return false;
        }
        partition.setStatus(status);
        partition.setExitStatus(exit);
        partition.setEndTime(LocalDateTime.now());
        try {
            jobRepository.update(partition);
            return true;
        } catch (OptimisticLockingFailureException e) {
            return false;
        }
    }
}
