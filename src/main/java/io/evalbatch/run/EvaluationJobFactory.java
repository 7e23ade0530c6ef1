package io.evalbatch.run;

import io.evalbatch.definition.JobDefinition;
import io.evalbatch.distribute.RemoteSimulateSteps;
import io.evalbatch.simulate.SimulateStep;
import io.evalbatch.simulate.SimulateStepFactory;
import io.evalbatch.step.JobNames;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.stereotype.Component;

/**
 * Assembles the evaluation job of a run: ingest → calibrate → reuse → simulate → metrics → summary →
 * tally. Only simulate depends on the run (its parallelism and filter, and whether worker processes
 * score it); the other steps are shared beans. A restarted run gets the same job and continues after its last completed
 * step.
 */
@Component
class EvaluationJobFactory {

    static final String JOB_NAME = JobNames.EVALUATION;

    private final JobRepository jobRepository;
    private final Step ingestStep;
    private final Step calibrateStep;
    private final Step reuseStep;
    private final SimulateStepFactory simulateSteps;
    private final RemoteSimulateSteps remoteSimulateSteps;
    private final Step metricsStep;
    private final Step summaryStep;
    private final Step tallyStep;
    private final ProcessOwner processOwner;
    private final ObservationRegistry observations;

    EvaluationJobFactory(JobRepository jobRepository, Step ingestStep, Step calibrateStep, Step reuseStep,
                         SimulateStepFactory simulateSteps,
                         RemoteSimulateSteps remoteSimulateSteps, Step metricsStep, Step summaryStep, Step tallyStep,
                         ProcessOwner processOwner, ObservationRegistry observations) {
        this.jobRepository = jobRepository;
        this.ingestStep = ingestStep;
        this.calibrateStep = calibrateStep;
        this.reuseStep = reuseStep;
        this.simulateSteps = simulateSteps;
        this.remoteSimulateSteps = remoteSimulateSteps;
        this.metricsStep = metricsStep;
        this.summaryStep = summaryStep;
        this.tallyStep = tallyStep;
        this.processOwner = processOwner;
        this.observations = observations;
    }

    /** @param tracker told when the run's execution starts and ends in this process */
    EvaluationJob create(String runId, JobDefinition definition, JobExecutionListener tracker) {
        SimulateStep simulate = definition.execution().distributed()
                ? remoteSimulateSteps.create(runId, definition)
                : simulateSteps.create(runId, definition);
        Job job = new JobBuilder(JOB_NAME, jobRepository)
                .observationRegistry(observations)
                .start(ingestStep)
                .next(calibrateStep)
                .next(reuseStep)
                .next(simulate.step())
                .next(metricsStep)
                .next(summaryStep)
                .next(tallyStep)
                .listener(processOwner)
                .listener(tracker)
                .build();
        return new EvaluationJob(job, simulate);
    }
}
