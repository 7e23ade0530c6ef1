package io.evalbatch.run;

import java.time.Instant;

import io.evalbatch.cache.ResultReuse;
import io.evalbatch.definition.JobDefinition;
import io.evalbatch.retry.ScorerErrors;
import io.evalbatch.retry.ScorerErrorsStepConfiguration;
import io.evalbatch.simulate.SimulateStep;
import io.evalbatch.simulate.SimulateStepFactory;
import io.evalbatch.step.JobNames;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Before a run that ended FAILED in its {@code errors} step is restarted: the samples the scorer
 * could not score are scored again, as a job of their own ({@code rescore}, for the same run id),
 * so that the run's job, restarted at its errors step, finds them scored. The job first moves their
 * results into {@code result_attempt} (kept, one row per attempt), then runs the run's simulate step
 * over the samples without a result; every other result stays as it is.
 */
@Component
class ErrorRescoring {

    private static final Logger log = LoggerFactory.getLogger(ErrorRescoring.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final SimulateStepFactory simulateSteps;
    private final ScorerErrors errors;
    private final ObservationRegistry observations;

    ErrorRescoring(JobOperator jobOperator, JobRepository jobRepository, PlatformTransactionManager transactionManager,
                   SimulateStepFactory simulateSteps, ScorerErrors errors, ObservationRegistry observations) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.simulateSteps = simulateSteps;
        this.errors = errors;
        this.observations = observations;
    }

    /** Whether the run's last execution ended in its errors step: then its errors are scored again first. */
    static boolean needed(JobExecution last) {
        return last.getStatus() == BatchStatus.FAILED && last.getStepExecutions().stream()
                .anyMatch(s -> s.getStepName().equals(ScorerErrorsStepConfiguration.ERRORS_STEP_NAME)
                        && s.getStatus() == BatchStatus.FAILED);
    }

    /** The run's samples whose outcome is error: a restart scores them again. */
    long errors(String runId) {
        return errors.count(runId);
    }

    /** Scores the run's errored and unscored samples again; the others keep their results. */
    void rescore(String runId, JobDefinition definition) {
        long count = errors.count(runId) + errors.unscored(runId);
        log.info("run {}: scoring again the {} samples the scorer could not score", runId, count);
        try (SimulateStep simulate = simulateSteps.create(runId, definition)) {
            Job job = new JobBuilder(JobNames.RESCORE, jobRepository)
                    .observationRegistry(observations)
                    .start(new StepBuilder("attempts", jobRepository)
                            .tasklet((contribution, chunkContext) -> {
                                errors.moveToAttempts(runId);
                                // Simulate then reads only the samples without a result.
                                chunkContext.getStepContext().getStepExecution().getJobExecution().getExecutionContext()
                                        .putString(ResultReuse.REUSED, ResultReuse.SOME);
                                return RepeatStatus.FINISHED;
                            }, transactionManager)
                            .build())
                    .next(simulate.step())
                    .build();
            JobParameters parameters = new JobParametersBuilder(RunService.parameters(runId))
                    .addString("rescore.requested", Instant.now() + "/" + System.nanoTime(), true)
                    .toJobParameters();
            JobExecution execution = jobOperator.start(job, parameters);
            if (execution.getStatus() != BatchStatus.COMPLETED) {
                log.warn("run {}: scoring the errors again ended {}: {}", runId, execution.getStatus(),
                        RunService.failures(execution));
            }
        } catch (Exception e) {
            throw new IllegalStateException("Run " + runId + ": its errors could not be scored again: " + e.getMessage(), e);
        }
    }
}
