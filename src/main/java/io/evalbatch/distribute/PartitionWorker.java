package io.evalbatch.distribute;

import org.jspecify.annotations.Nullable;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import io.evalbatch.definition.JobDefinition;
import io.evalbatch.filter.SimulationFilter;
import io.evalbatch.simulate.SimulateStepFactory;
import io.evalbatch.step.RunFailures;
import io.evalbatch.step.RunStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code evalbatch worker}: takes the partition requests of distributed runs from the queue and
 * scores each partition with Spring Batch's {@link StepExecutionRequestHandler}, on this process's
 * scoring threads, committing chunk by chunk as a local run does. The step is built for the run the
 * request belongs to (its filter and chunk size), which is why no single worker step bean serves.
 */
@Component
public class PartitionWorker {

    private static final Logger log = LoggerFactory.getLogger(PartitionWorker.class);
    /** The exit code the README lists for "anything else, such as an unreachable database". */
    static final int DATABASE_LOST_EXIT_CODE = 5;

    private final QueueChannel partitionRequests;
    private final Workers workers;
    private final JobRepository jobRepository;
    private final SimulateStepFactory simulateSteps;
    private final RunStore runs;
    private final TransactionTemplate transaction;
    private final JdbcTemplate jdbc;
    private final WorkerSettings settings;

    PartitionWorker(QueueChannel partitionRequests, Workers workers, JobRepository jobRepository,
                    SimulateStepFactory simulateSteps, RunStore runs, PlatformTransactionManager transactionManager,
                    JdbcTemplate jdbc, WorkerSettings settings) {
        this.partitionRequests = partitionRequests;
        this.workers = workers;
        this.jobRepository = jobRepository;
        this.simulateSteps = simulateSteps;
        this.runs = runs;
        this.transaction = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.settings = settings;
    }

    /** Starts serving; {@link Serving#stop()} ends it once the partitions in progress have committed. */
    public Serving serve(int threads, int partitions, PrintWriter err) {
        return new Serving(threads, partitions, err);
    }

    /** One worker process's service: its registration, heartbeat, scoring threads and partition slots. */
    public final class Serving {

        private final Workers.Identity identity;
        private final PrintWriter err;
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final Map<Long, StepExecution> running = new ConcurrentHashMap<>();
        private final AtomicLong lastBeat = new AtomicLong(System.nanoTime());
        private final ThreadPoolTaskExecutor scoringThreads = new ThreadPoolTaskExecutor();
        private final ScheduledExecutorService heartbeat = daemon("worker-heartbeat");
        private final ScheduledExecutorService watchdog = daemon("worker-watchdog");
        private final List<Thread> slots;

        private Serving(int threads, int partitions, PrintWriter err) {
            this.err = err;
            this.identity = new Workers.Identity(hostName() + ":" + ProcessHandle.current().pid() + ":"
                    + UUID.randomUUID().toString().substring(0, 8), settings.queue(), hostName(),
                    ProcessHandle.current().pid(), threads, partitions);
            scoringThreads.setCorePoolSize(threads);
            scoringThreads.setMaxPoolSize(threads);
            scoringThreads.setThreadNamePrefix("score-");
            scoringThreads.initialize();
            workers.register(identity);
            long beat = settings.heartbeat().toMillis();
            heartbeat.scheduleWithFixedDelay(this::beat, beat, beat, TimeUnit.MILLISECONDS);
            watchdog.scheduleWithFixedDelay(this::checkHeartbeat, beat, beat / 2, TimeUnit.MILLISECONDS);
            say("worker %s: taking partitions from queue '%s' (%d at a time, %d scoring threads)",
                    identity.workerId(), settings.queue(), partitions, threads);
            slots = IntStream.range(0, partitions)
                    .mapToObj(i -> new Thread(this::takeAndScore, "partition-slot-" + i))
                    .toList();
            slots.forEach(Thread::start);
        }

        /**
         * Takes no further partition and stops those in progress after their chunks in flight have
         * committed: they end STOPPED, and the runs they belong to end too ('evalbatch restart').
         */
        public void stop() {
            if (stopping.compareAndSet(false, true)) {
                running.values().forEach(StepExecution::setTerminateOnly);
            }
        }

        /** Waits until stopped and every partition in progress has ended, then leaves the worker list. */
        public void awaitEnd() throws InterruptedException {
            for (Thread slot : slots) {
                slot.join();
            }
            heartbeat.shutdownNow();
            watchdog.shutdownNow();
            scoringThreads.shutdown();
            // A heartbeat still under way would register the worker again after it left.
            heartbeat.awaitTermination(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            workers.deregister(identity.workerId());
            say("worker %s: stopped", identity.workerId());
        }

        private void takeAndScore() {
            while (!stopping.get()) {
                try {
                    Polled polled = take();
                    Taken taken = polled.taken();
                    if (polled.queueEmpty()) {
                        Thread.sleep(settings.pollInterval().toMillis());
                    } else if (taken != null) {
                        score(taken);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    // A database hiccup (the watchdog ends the process if it lasts), or a request this
                    // version cannot read, which stays queued for a worker that can.
                    log.debug("worker: could not take a partition", e);
                    say("worker %s: could not take a partition: %s", identity.workerId(), String.valueOf(e.getMessage()));
                    sleepQuietly(settings.pollInterval());
                }
            }
        }

        /**
         * Takes one request and claims its partition in one transaction: a worker that dies before
         * the commit leaves the request on the queue, one that dies after has a claim its silence
         * will give away. Requests of partitions no longer waiting (their run was stopped, recovered
         * or restarted) are dropped.
         *
         * @return {@link Polled#EMPTY} when the queue is empty, {@link Polled#DROPPED} when a request
         *         was dropped
         */
        private Polled take() {
            Polled polled = transaction.execute(status -> {
                Message<?> message = partitionRequests.receive(0);
                if (message == null) {
                    return Polled.EMPTY;
                }
                StepExecutionRequest request = (StepExecutionRequest) message.getPayload();
                StepExecution partition = jobRepository.getStepExecution(request.getStepExecutionId());
                if (partition == null) {
                    say("worker %s: dropped a request for step execution %d, which does not exist",
                            identity.workerId(), request.getStepExecutionId());
                    return Polled.DROPPED;
                }
                String runId = partition.getJobExecution().getJobParameters().getString("run.id");
                String name = Partitions.name(partition.getStepName());
                if (runId == null) {
                    say("worker %s: dropped the request for %s: its job has no run id", identity.workerId(), name);
                    return Polled.DROPPED;
                }
                if (partition.getStatus() != BatchStatus.STARTING || !partition.getJobExecution().isRunning()
                        || partition.getJobExecution().isStopping()) {
                    say("worker %s: dropped the request for %s/%s: the partition is %s, its run %s",
                            identity.workerId(), runId, name, partition.getStatus(),
                            partition.getJobExecution().getStatus());
                    return Polled.DROPPED;
                }
                if (!workers.claim(partition.getId(), partition.getJobExecutionId(), runId, name, identity.workerId())) {
                    return Polled.DROPPED;
                }
                return new Polled(false, new Taken(request, runId, name));
            });
            return polled == null ? Polled.EMPTY : polled;
        }

        private void score(Taken taken) {
            try {
                scoreClaimed(taken);
            } catch (RuntimeException e) {
                // Left alone, a claimed partition whose step never ran (its run deleted, say) would
                // keep its run waiting on a live worker: it fails, with the reason.
                giveUp(taken, e);
            }
        }

        private void giveUp(Taken taken, RuntimeException e) {
            long id = taken.request().getStepExecutionId();
            Partitions.end(jobRepository, id, BatchStatus.FAILED, ExitStatus.FAILED.addExitDescription(e));
            String reason = String.join("; ", RunFailures.explain(List.of(e)));
            workers.recordFailure(id, reason);
            say("worker %s: %s/%s FAILED: %s", identity.workerId(), taken.runId(), taken.partition(), reason);
        }

        private void scoreClaimed(Taken taken) {
            JobDefinition definition = runs.definition(taken.runId());
            // One partition of the run: its share of a budget the run's filter keeps (a judge's).
            SimulationFilter filter = simulateSteps.filter(definition, 1.0 / definition.execution().partitions());
            Step step = simulateSteps.worker(taken.runId(), definition, filter, scoringThreads, new Tracker());
            StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
            handler.setJobRepository(jobRepository);
            handler.setStepLocator(new OneStep(step));
            say("worker %s: scoring %s/%s", identity.workerId(), taken.runId(), taken.partition());
            try {
                StepExecution ended = handler.handle(taken.request());
                List<String> failures = RunFailures.explain(ended.getFailureExceptions());
                if (ended.getStatus() == BatchStatus.FAILED && !failures.isEmpty()) {
                    workers.recordFailure(ended.getId(), String.join("; ", failures));
                }
                say("worker %s: %s/%s %s, %d samples scored%s", identity.workerId(), taken.runId(), taken.partition(),
                        ended.getStatus(), ended.getWriteCount(), failures.isEmpty() ? "" : ": " + failures);
            } finally {
                try {
                    filter.close();
                } catch (Exception e) {
                    log.warn("worker: closing the filter of run {} failed", taken.runId(), e);
                }
            }
        }

        /**
         * Records that this worker is alive, and stops the partitions whose run is stopping or
         * that the run gave up (a worker thought lost that comes back must not go on).
         */
        private void beat() {
            try {
                if (!workers.beat(identity.workerId())) {
                    workers.register(identity);
                }
                lastBeat.set(System.nanoTime());
                for (StepExecution partition : running.values()) {
                    Map<String, Object> now = jdbc.queryForMap("""
                            select s.status as partition_status, j.status as run_status
                              from batch_step_execution s join batch_job_execution j using (job_execution_id)
                             where s.step_execution_id = ?""", partition.getId());
                    String partitionStatus = (String) now.get("partition_status");
                    String runStatus = (String) now.get("run_status");
                    boolean givenUp = !List.of("STARTING", "STARTED").contains(partitionStatus);
                    boolean runEnding = !List.of("STARTING", "STARTED").contains(runStatus);
                    if ((givenUp || runEnding) && !partition.isTerminateOnly()) {
                        partition.setTerminateOnly();
                        say("worker %s: stopping %s: the run is %s, the partition %s", identity.workerId(),
                                Partitions.name(partition.getStepName()), String.valueOf(runStatus),
                                String.valueOf(partitionStatus));
                    }
                }
            } catch (RuntimeException e) {
                log.warn("worker: heartbeat failed", e);
            }
        }

        /**
         * A worker that cannot record its heartbeat for the timeout ends itself: the runs have given
         * its partitions up by then, and a restart may already be scoring them elsewhere.
         */
        private void checkHeartbeat() {
            Duration silent = Duration.ofNanos(System.nanoTime() - lastBeat.get());
            if (silent.compareTo(settings.timeout()) > 0) {
                say("worker %s: no heartbeat reached the database for %d s (EVALBATCH_WORKER_TIMEOUT=%s); the runs "
                        + "count its partitions as lost, so it ends", identity.workerId(), silent.toSeconds(),
                        settings.timeout());
                Runtime.getRuntime().halt(DATABASE_LOST_EXIT_CODE);
            }
        }

        private void say(String format, Object... args) {
            String line = format.formatted(args);
            log.debug(line);
            err.println(line);
            err.flush();
        }

        /** Knows the partitions in progress, so that a stop or a given-up partition reaches them. */
        private final class Tracker implements StepExecutionListener {

            @Override
            public void beforeStep(StepExecution stepExecution) {
                running.put(stepExecution.getId(), stepExecution);
                if (stopping.get()) {
                    stepExecution.setTerminateOnly();
                }
            }

            @Override
            public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
                running.remove(stepExecution.getId());
                return null;
            }
        }
    }

    /** A request taken from the queue and claimed. */
    private record Taken(StepExecutionRequest request, String runId, String partition) {
    }

    /** What one look at the queue found: nothing, a request not to score, or a partition to score. */
    private record Polled(boolean queueEmpty, @Nullable Taken taken) {
        static final Polled EMPTY = new Polled(true, null);
        static final Polled DROPPED = new Polled(false, null);
    }

    /** The step built for the request at hand, whatever name the request gives. */
    private record OneStep(Step step) implements StepLocator {

        @Override
        public Step getStep(String stepName) {
            return step;
        }
    }


    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
