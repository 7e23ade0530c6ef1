package io.evalbatch.simulate;

import io.evalbatch.cost.RunSpend;
import io.evalbatch.cost.SpendLimit;
import io.evalbatch.definition.ExecutionSpec;
import io.evalbatch.definition.InputFormat;
import io.evalbatch.definition.JobDefinition;
import io.evalbatch.filter.FilterCatalog;
import io.evalbatch.filter.SimulationFilter;
import io.evalbatch.step.ChunkStepGuards;
import io.evalbatch.step.RunStore;
import io.evalbatch.telemetry.InFlightSamples;
import io.evalbatch.telemetry.ScoringMeters;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code simulate} step of one run: a manager step that splits the run's samples into ranges,
 * and per range a chunk-oriented worker step (paging reader → filter on a shared bounded thread
 * pool → result writer) whose commits carry the reader position.
 */
@Component
public class SimulateStepFactory {

    public static final String STEP_NAME = "simulate";
    public static final String WORKER_STEP_NAME = "simulateRange";

    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final ItemStreamReader<KeyedSample> partitionSampleReader;
    private final ResultWriter resultWriter;
    private final FilterCatalog filters;
    private final RunStore runs;
    private final ChunkStepGuards guards;
    private final ScoringMeters meters;
    private final InFlightSamples inFlight;
    private final ObservationRegistry observations;
    private final RunSpend spend;

    public SimulateStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                               ItemStreamReader<KeyedSample> partitionSampleReader,
                               ResultWriter resultWriter, FilterCatalog filters, RunStore runs,
                               ChunkStepGuards guards, ScoringMeters meters, InFlightSamples inFlight,
                               ObservationRegistry observations, RunSpend spend) {
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.partitionSampleReader = partitionSampleReader;
        this.resultWriter = resultWriter;
        this.filters = filters;
        this.runs = runs;
        this.guards = guards;
        this.meters = meters;
        this.inFlight = inFlight;
        this.observations = observations;
        this.spend = spend;
    }

    public SimulateStep create(String runId, JobDefinition definition) {
        ExecutionSpec execution = definition.execution();
        filters.validate(definition.filter());
        SimulationFilter filter = filter(definition);

        ThreadPoolTaskExecutor scoringThreads = new ThreadPoolTaskExecutor();
        scoringThreads.setCorePoolSize(execution.threads());
        scoringThreads.setMaxPoolSize(execution.threads());
        // Every partition submits at most one chunk at a time: the queue never holds more.
        scoringThreads.setQueueCapacity(execution.partitions() * execution.chunk());
        scoringThreads.setThreadNamePrefix("score-");
        scoringThreads.initialize();

        SimpleAsyncTaskExecutor partitionThreads = new SimpleAsyncTaskExecutor("range-");
        partitionThreads.setConcurrencyLimit(execution.partitions());

        Step manager = new StepBuilder(STEP_NAME, jobRepository)
                .observationRegistry(observations)
                .partitioner(WORKER_STEP_NAME, ranges(runId, execution))
                .step(worker(runId, definition, filter, scoringThreads))
                .gridSize(execution.partitions())
                .taskExecutor(partitionThreads)
                .build();

        return new SimulateStep(manager, () -> {
            scoringThreads.shutdown();
            partitionThreads.close();
            filter.close();
        });
    }

    /** The ranges of a run's samples that its partitions score, named alike on every restart. */
    public Partitioner ranges(String runId, ExecutionSpec execution) {
        return new SampleRangePartitioner(() -> runs.sampleCount(runId), execution.partitions(), execution.chunk());
    }

    /**
     * The step that scores one partition: in the process of the run, or in a worker process.
     *
     * @param scoringThreads where the samples of a chunk are scored; its queue must hold a chunk
     *                       of every partition that uses it at once
     * @param listeners      further listeners of the step, e.g. a worker's
     */
    public Step worker(String runId, JobDefinition definition, SimulationFilter filter,
                       AsyncTaskExecutor scoringThreads, StepExecutionListener... listeners) {
        ChunkOrientedStepBuilder<KeyedSample, SampleResult> chunks = new StepBuilder(WORKER_STEP_NAME, jobRepository)
                .observationRegistry(observations).chunk(definition.execution().chunk());
        Double maxCost = definition.cost().max();
        ChunkOrientedStepBuilder<KeyedSample, SampleResult> worker = (maxCost == null ? guards.guard(chunks, STEP_NAME)
                : guards.guard(chunks, STEP_NAME, new SpendLimit(runId, definition, spend, maxCost)))
                .transactionManager(transactionManager)
                .reader(partitionSampleReader)
                .processor(new ScoringProcessor(filter, definition.filter().name(), meters, inFlight))
                .writer(resultWriter)
                .taskExecutor(scoringThreads);
        for (StepExecutionListener listener : listeners) {
            worker.listener(listener);
        }
        return worker.build();
    }

    /** A filter for a definition, started when the first sample needs it. */
    public SimulationFilter filter(JobDefinition definition) {
        return filter(definition, 1);
    }

    /**
     * A filter for a process that scores {@code share} of the definition's partitions: a filter with
     * a budget of the whole run (a judge's requests per minute) keeps that part of it.
     */
    public SimulationFilter filter(JobDefinition definition, double share) {
        SimulationFilter filter = new LazyFilter(() -> filters.create(definition.filter(), share));
        return definition.input().format() == InputFormat.INSPECT ? new KeptInspectScores(filter) : filter;
    }
}
