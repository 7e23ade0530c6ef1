package io.evalbatch.run;

import io.evalbatch.cache.ReuseStep;
import io.evalbatch.calibrate.CalibrateStep;
import io.evalbatch.definition.JobDefinition;
import io.evalbatch.distribute.RemoteSimulateSteps;
import io.evalbatch.ingest.IngestStep;
import io.evalbatch.metrics.MetricsStep;
import io.evalbatch.metrics.SummaryStep;
import io.evalbatch.retry.ScorerErrorsStep;
import io.evalbatch.simulate.SimulateStep;
import io.evalbatch.simulate.SimulateStepFactory;
import io.evalbatch.step.JobNames;
import io.evalbatch.tally.TallyStep;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Assembles the evaluation job of a run: ingest → calibrate → reuse → simulate → errors → metrics →
 * summary → tally. Only simulate depends on the run (its parallelism and filter, and whether worker processes
 * score it); the other steps are shared beans. A restarted run gets the same job and continues after its last completed
 * step.
 */
@Component
class EvaluationJobFactory {

    private final JobRepository jobRepository;
    private final IngestStep ingest;
    private final CalibrateStep calibrate;
    private final ReuseStep reuse;
    private final SimulateStepFactory simulateSteps;
    private final RemoteSimulateSteps remoteSimulateSteps;
    private final ScorerErrorsStep errors;
    private final MetricsStep metrics;
    private final SummaryStep summary;
    private final TallyStep tally;
    private final ProcessOwner processOwner;
    private final ObservationRegistry observations;

    EvaluationJobFactory(JobRepository jobRepository, IngestStep ingest, CalibrateStep calibrate, ReuseStep reuse,
                         SimulateStepFactory simulateSteps, RemoteSimulateSteps remoteSimulateSteps,
                         ScorerErrorsStep errors, MetricsStep metrics, SummaryStep summary, TallyStep tally,
                         ProcessOwner processOwner, ObservationRegistry observations) {
        this.jobRepository = jobRepository;
        this.ingest = ingest;
        this.calibrate = calibrate;
        this.reuse = reuse;
        this.simulateSteps = simulateSteps;
        this.remoteSimulateSteps = remoteSimulateSteps;
        this.errors = errors;
        this.metrics = metrics;
        this.summary = summary;
        this.tally = tally;
        this.processOwner = processOwner;
        this.observations = observations;
    }

    /** @param tracker told when the run's execution starts and ends in this process */
    EvaluationJob create(String runId, JobDefinition definition, JobExecutionListener tracker) {
        SimulateStep simulate = definition.execution().distributed()
                ? remoteSimulateSteps.create(runId, definition)
                : simulateSteps.create(runId, definition);
        Job job = new JobBuilder(JobNames.EVALUATION, jobRepository)
                .observationRegistry(observations)
                .start(ingest.step())
                .next(calibrate.step())
                .next(reuse.step())
                .next(simulate.step())
                .next(errors.step())
                .next(metrics.step())
                .next(summary.step())
                .next(tally.step())
                .listener(processOwner)
                .listener(tracker)
                .build();
        return new EvaluationJob(job, simulate);
    }
}
