package io.evalbatch.run;

import java.time.Instant;

import io.evalbatch.definition.JobDefinition;
import io.evalbatch.definition.MetricsSpec;
import io.evalbatch.metrics.MetricsStep;
import io.evalbatch.metrics.SummaryStep;
import io.evalbatch.step.JobNames;
import io.evalbatch.step.RunStore;
import io.evalbatch.tally.TallyStep;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Service;

/**
 * Derives a finished run's metrics again from its stored results, with the metrics of its job
 * definition or new ones: the metrics, summary and tally steps of the evaluation, in a job of their
 * own, one job instance per request (so a run finished before tallies existed gets one). Nothing is
 * scored again; running it twice gives the same rows.
 */
@Service
public class MetricsRecomputation {

    private static final Logger log = LoggerFactory.getLogger(MetricsRecomputation.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final MetricsStep metrics;
    private final SummaryStep summary;
    private final TallyStep tally;
    private final RunStore runs;
    private final RunService runService;

    private final ObservationRegistry observations;

    MetricsRecomputation(JobOperator jobOperator, JobRepository jobRepository, MetricsStep metrics, SummaryStep summary,
                         TallyStep tally, RunStore runs, RunService runService, ObservationRegistry observations) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.metrics = metrics;
        this.summary = summary;
        this.tally = tally;
        this.runs = runs;
        this.runService = runService;
        this.observations = observations;
    }

    /** @param replacement metrics to derive from now on, or null for those the run has */
    public RunEnd recompute(String runId, @Nullable MetricsSpec replacement) {
        JobDefinition definition = runs.definition(runId);
        long samples = runs.sampleCount(runId);
        long results = runs.resultCount(runId);
        if (samples == 0 || results < samples) {
            throw new RunRefusedException("Run " + runId + " is not finished: " + results + " of " + samples
                    + " samples scored. 'evalbatch restart " + runId + "' finishes it.");
        }
        if (replacement != null) {
            JobDefinition updated = definition.withMetrics(replacement);
            runService.validateMetrics(updated);
            runs.updateDefinition(runId, runService.withDefaults(updated));
            log.info("run {}: metrics are now {}", runId, replacement.selections().keySet());
        }
        Job job = new JobBuilder(JobNames.METRICS, jobRepository).observationRegistry(observations).start(metrics.step())
                .next(summary.step()).next(tally.step()).build();
        JobParameters parameters = new JobParametersBuilder(RunService.parameters(runId))
                .addString("metrics.requested", Instant.now().toString() + "/" + System.nanoTime(), true)
                .toJobParameters();
        try {
            JobExecution execution = jobOperator.start(job, parameters);
            return new RunEnd(runId, execution.getStatus().name(), RunService.failures(execution));
        } catch (Exception e) {
            throw new IllegalStateException("Metrics of run " + runId + " could not be derived: " + e.getMessage(), e);
        }
    }
}
