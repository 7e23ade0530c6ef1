package io.evalbatch.step;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Stores a restarted step's position as soon as the step starts. Spring Batch 6 stores a new step
 * execution first and copies the previous execution's context (the reader's position) into it only
 * in memory; until its first commit the database holds an empty context. A process killed before
 * that commit would make the next restart read the step from its beginning: ingest would insert its
 * samples again, metrics would derive every document again. Partition workers have their contexts
 * stored when the manager splits; for them this is one redundant update per partition.
 */
@Component
class RestartPosition implements StepExecutionListener {

    private final JobRepository jobRepository;

    RestartPosition(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        if (!stepExecution.getExecutionContext().isEmpty()) {
            jobRepository.updateExecutionContext(stepExecution);
        }
    }
}
