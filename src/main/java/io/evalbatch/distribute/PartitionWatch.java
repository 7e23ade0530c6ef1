package io.evalbatch.distribute;

import org.jspecify.annotations.Nullable;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.evalbatch.simulate.SimulateStepFactory;
import io.evalbatch.step.StopOnRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Watches the partitions of one distributed run while its simulate step waits for them. Spring
 * Batch's manager only polls for partitions to end, and one whose worker died would never end: a
 * partition whose worker has been silent for the timeout is marked FAILED here, with a message
 * naming it and the worker, so that the run ends FAILED and {@code restart} gives the partition to
 * another worker. It also says when partitions wait and no worker is running at all, and withdraws
 * the requests no worker took when the run is stopped.
 */
final class PartitionWatch implements StepExecutionListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PartitionWatch.class);
    /** How often the user is reminded that partitions wait and no worker runs. */
    private static final Duration REMINDER = Duration.ofSeconds(30);

    private final String runId;
    private final Workers workers;
    private final JobRepository jobRepository;
    private final JdbcTemplate jdbc;
    private final WorkerSettings settings;
    private final PrintStream err;
    private final List<String> lost = new ArrayList<>();
    /** The partitions this watch found lost: they failed, but not on their worker. */
    private final Set<Long> lostIds = ConcurrentHashMap.newKeySet();
    private @Nullable ScheduledExecutorService timer;
    private long lastReminder;

    PartitionWatch(String runId, Workers workers, JobRepository jobRepository, JdbcTemplate jdbc,
                   WorkerSettings settings, PrintStream err) {
        this.runId = runId;
        this.workers = workers;
        this.jobRepository = jobRepository;
        this.jdbc = jdbc;
        this.settings = settings;
        this.err = err;
    }

    @Override
    public void beforeStep(StepExecution manager) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "partition-watch");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.pollInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> check(manager), interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public @Nullable ExitStatus afterStep(StepExecution manager) {
        close();
        stoppedByWorkers(manager);
        List<String> failed = failedOnWorkers(manager);
        failed.forEach(f -> manager.addFailureException(new PartitionFailedException(f)));
        synchronized (lost) {
            if (lost.isEmpty()) {
                return failed.isEmpty() ? null : ExitStatus.FAILED.addExitDescription(String.join("; ", failed));
            }
            String message = String.join("; ", lost);
            manager.addFailureException(new PartitionLostException(message));
            return ExitStatus.FAILED.addExitDescription(message);
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void check(StepExecution manager) {
        try {
            long jobExecutionId = manager.getJobExecutionId();
            Map<Long, Workers.Claim> claims = workers.claims(jobExecutionId);
            boolean stopping = StopOnRequest.requested(manager);
            int waiting = 0;
            for (Partition partition : running(jobExecutionId)) {
                Workers.Claim claim = claims.get(partition.id());
                if (claim == null) {
                    if (stopping && workers.withdraw(partition.id(), jobExecutionId, runId, partition.name())) {
                        Partitions.end(jobRepository, partition.id(), BatchStatus.STOPPED,
                                ExitStatus.STOPPED.addExitDescription("withdrawn: the run was stopped before a worker "
                                        + "took it"));
                    } else {
                        waiting++;
                    }
                } else if (claim.workerId() != null && !claim.live()) {
                    String message = "partition " + partition.name() + " was lost: its worker " + claim.worker()
                            + " has not been heard from for over " + settings.timeout().toSeconds() + " s";
                    if (Partitions.end(jobRepository, partition.id(), BatchStatus.FAILED,
                            ExitStatus.FAILED.addExitDescription(message))) {
                        lostIds.add(partition.id());
                        synchronized (lost) {
                            lost.add(message);
                        }
                        err.println("run " + runId + ": " + message + "; the other partitions go on");
                        err.flush();
                    }
                }
            }
            remindIfNoWorker(waiting);
        } catch (RuntimeException e) {
            // The database watch ends the process if the database is gone; a hiccup is retried.
            log.warn("run {}: checking the partitions failed", runId, e);
        }
    }

    private void remindIfNoWorker(int waiting) {
        if (waiting == 0 || System.nanoTime() - lastReminder < REMINDER.toNanos() && lastReminder != 0) {
            return;
        }
        if (workers.liveCount() == 0) {
            lastReminder = System.nanoTime();
            err.println("run " + runId + ": " + waiting + " partition(s) waiting for a worker, and no worker is running "
                    + "on queue '" + settings.queue() + "'. Start one with 'evalbatch worker' on any machine that "
                    + "reaches this database; Ctrl-C stops the run.");
            err.flush();
        }
    }

    /** Partitions that ended STOPPED while the run itself was not stopped: their worker was shut down. */
    private void stoppedByWorkers(StepExecution manager) {
        if (StopOnRequest.requested(manager)) {
            return;
        }
        for (Workers.Ended stopped : workers.ended(manager.getJobExecutionId(), BatchStatus.STOPPED.name())) {
            synchronized (lost) {
                lost.add("partition " + stopped.partitionName() + " was stopped by its worker " + stopped.worker()
                        + ", which was shut down");
            }
        }
    }

    /**
     * Partitions that failed on their worker (not lost), with the worker's explanation: the
     * exception itself stayed in the worker's process.
     */
    private List<String> failedOnWorkers(StepExecution manager) {
        return workers.ended(manager.getJobExecutionId(), BatchStatus.FAILED.name()).stream()
                .filter(failed -> !lostIds.contains(failed.stepExecutionId()))
                .map(failed -> "partition " + failed.partitionName() + " failed on worker " + failed.worker() + ": "
                        + failed.failure())
                .toList();
    }

    private record Partition(long id, String name) {
    }

    private List<Partition> running(long jobExecutionId) {
        return jdbc.query("""
                select step_execution_id, step_name from batch_step_execution
                 where job_execution_id = ? and step_name like ? and status in ('STARTING', 'STARTED', 'STOPPING')
                 order by step_name""",
                (rs, i) -> {
                    return new Partition(rs.getLong(1), Partitions.name(rs.getString(2)));
                },
                jobExecutionId, SimulateStepFactory.WORKER_STEP_NAME + ":%");
    }

}
