package io.evalbatch.distribute;

import io.evalbatch.definition.ExecutionSpec;
import io.evalbatch.definition.JobDefinition;
import io.evalbatch.simulate.SimulateStep;
import io.evalbatch.simulate.SimulateStepFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilderFactory;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The simulate step of a distributed run: Spring Batch's remote-partitioning manager puts one
 * request per partition on the queue and polls the job repository until every partition has
 * ended; a {@link PartitionWatch} ends those whose worker died. The partitions are the ones a local
 * run makes, so results do not depend on where they were scored.
 */
@Component
public class RemoteSimulateSteps {

    private final RemotePartitioningManagerStepBuilderFactory managerSteps;
    private final QueueChannel partitionRequests;
    private final SimulateStepFactory simulateSteps;
    private final Workers workers;
    private final JobRepository jobRepository;
    private final JdbcTemplate jdbc;
    private final WorkerSettings settings;

    RemoteSimulateSteps(RemotePartitioningManagerStepBuilderFactory managerSteps, QueueChannel partitionRequests,
                        SimulateStepFactory simulateSteps, Workers workers, JobRepository jobRepository,
                        JdbcTemplate jdbc, WorkerSettings settings) {
        this.managerSteps = managerSteps;
        this.partitionRequests = partitionRequests;
        this.simulateSteps = simulateSteps;
        this.workers = workers;
        this.jobRepository = jobRepository;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    public SimulateStep create(String runId, JobDefinition definition) {
        ExecutionSpec execution = definition.execution();
        PartitionWatch watch = new PartitionWatch(runId, workers, jobRepository, jdbc, settings, System.err);
        Step manager = managerSteps.get(SimulateStepFactory.STEP_NAME)
                .partitioner(SimulateStepFactory.WORKER_STEP_NAME, simulateSteps.ranges(runId, execution))
                .gridSize(execution.partitions())
                .outputChannel(partitionRequests)
                .pollInterval(settings.pollInterval().toMillis())
                .listener(watch)
                .build();
        return new SimulateStep(manager, watch);
    }
}
