package io.evalbatch.distribute;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code worker} and {@code partition_claim} tables: which workers are alive (by the database's
 * clock) and which worker took which partition execution.
 */
@Repository
public class Workers {

    /** A worker process as it registers. */
    public record Identity(String workerId, String queue, String host, long pid, int threads, int partitions) {
    }

    /**
     * A registered worker.
     *
     * @param silentSeconds seconds since its last heartbeat
     * @param current       the partitions it is scoring now, as {@code run/partition}
     */
    public record Registered(String workerId, String host, long pid, int threads, int partitions, Instant startedAt,
                             double silentSeconds, boolean live, List<String> current) {
    }

    /**
     * Who took a partition execution; {@code workerId} null when the run withdrew it.
     *
     * @param worker the worker as people know it: "host (pid N)"
     */
    record Claim(long stepExecutionId, String partitionName, String workerId, String worker, boolean live) {
    }

    /**
     * A partition execution that ended with a status, and the worker that had it.
     *
     * @param failure the worker's explanation, or else the first line of the execution's exit message
     */
    record Ended(long stepExecutionId, String partitionName, String worker, String failure) {
    }

    /** The worker of a claim {@code c} (joined to {@code worker w}) as people know it. */
    private static final String WORKER_LABEL = "coalesce(w.host || ' (pid ' || w.pid || ')', c.worker_id)";

    private final JdbcTemplate jdbc;
    private final WorkerSettings settings;

    public Workers(JdbcTemplate jdbc, WorkerSettings settings, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.settings = settings;
        // Asked of the database only when scraped.
        Gauge.builder("evalbatch.workers.live", this, Workers::liveOrUnknown)
                .description("Workers of the queue heard from within the worker timeout").register(meters);
        Gauge.builder("evalbatch.partitions.waiting", this, Workers::waitingOrUnknown)
                .description("Partitions of distributed runs waiting for a worker").register(meters);
    }

    private double liveOrUnknown() {
        try {
            return liveCount();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Partition requests not yet taken: the queue's messages in Spring Integration's store. */
    private double waitingOrUnknown() {
        try {
            Integer n = jdbc.queryForObject("select count(*) from int_channel_message", Integer.class);
            return n == null ? 0 : n;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    void register(Identity worker) {
        jdbc.update("""
                insert into worker (worker_id, queue, host, pid, threads, partitions) values (?, ?, ?, ?, ?, ?)
                on conflict (worker_id) do update set seen_at = now(), stopped_at = null""",
                worker.workerId(), worker.queue(), worker.host(), worker.pid(), worker.threads(), worker.partitions());
    }

    /** @return false when the worker's row is gone (then it registers again) */
    boolean beat(String workerId) {
        return jdbc.update("update worker set seen_at = now() where worker_id = ? and stopped_at is null",
                workerId) == 1;
    }

    void deregister(String workerId) {
        jdbc.update("update worker set stopped_at = now() where worker_id = ?", workerId);
    }

    /** Live workers of the queue: those heard from within the timeout. */
    int liveCount() {
        Integer n = jdbc.queryForObject("select count(*) from worker where queue = ? and stopped_at is null"
                + " and seen_at > now() - make_interval(secs => ?)", Integer.class, settings.queue(), seconds());
        return n == null ? 0 : n;
    }

    /** Workers of the queue that have not stopped, live first; silent ones only if heard from in the last hour. */
    public List<Registered> registered() {
        return jdbc.query("""
                select w.worker_id, w.host, w.pid, w.threads, w.partitions, w.started_at,
                       extract(epoch from now() - w.seen_at) as silent,
                       w.seen_at > now() - make_interval(secs => ?) as live,
                       (select array_agg(c.run_id || '/' || c.partition_name order by c.run_id, c.partition_name)
                          from partition_claim c
                          join batch_step_execution s on s.step_execution_id = c.step_execution_id
                         where c.worker_id = w.worker_id and s.status in ('STARTING', 'STARTED', 'STOPPING')) as current
                  from worker w
                 where w.queue = ? and w.stopped_at is null and w.seen_at > now() - interval '1 hour'
                 order by live desc, w.host, w.pid""",
                (rs, i) -> {
                    java.sql.Array current = rs.getArray("current");
                    return new Registered(rs.getString("worker_id"), rs.getString("host"), rs.getLong("pid"),
                            rs.getInt("threads"), rs.getInt("partitions"), rs.getTimestamp("started_at").toInstant(),
                            rs.getDouble("silent"), rs.getBoolean("live"),
                            current == null ? List.of() : Arrays.asList((String[]) current.getArray()));
                },
                seconds(), settings.queue());
    }

    /** @return whether this worker took the partition execution (nobody had before) */
    boolean claim(long stepExecutionId, long jobExecutionId, String runId, String partitionName,
                  @Nullable String workerId) {
        return jdbc.update("""
                insert into partition_claim (step_execution_id, job_execution_id, run_id, partition_name, worker_id)
                values (?, ?, ?, ?, ?) on conflict (step_execution_id) do nothing""",
                stepExecutionId, jobExecutionId, runId, partitionName, workerId) == 1;
    }

    /** Records why a partition failed on its worker, as the worker explains it. */
    void recordFailure(long stepExecutionId, String failure) {
        jdbc.update("update partition_claim set failure = ? where step_execution_id = ?", failure, stepExecutionId);
    }

    /** @return whether the run withdrew the partition execution before any worker took it */
    boolean withdraw(long stepExecutionId, long jobExecutionId, String runId, String partitionName) {
        return claim(stepExecutionId, jobExecutionId, runId, partitionName, null);
    }

    /** The claims on a job execution's partitions, with the liveness of each claiming worker. */
    Map<Long, Claim> claims(long jobExecutionId) {
        Map<Long, Claim> claims = new HashMap<>();
        jdbc.query("""
                select c.step_execution_id, c.partition_name, c.worker_id, %s,
                       coalesce(w.stopped_at is null and w.seen_at > now() - make_interval(secs => ?), false) as live
                  from partition_claim c left join worker w on w.worker_id = c.worker_id
                 where c.job_execution_id = ?""".formatted(WORKER_LABEL),
                rs -> {
                    long id = rs.getLong(1);
                    claims.put(id, new Claim(id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getBoolean(5)));
                },
                seconds(), jobExecutionId);
        return claims;
    }

    /** The partitions of a job execution that a worker took and that ended with {@code status}. */
    List<Ended> ended(long jobExecutionId, String status) {
        return jdbc.query("""
                select c.step_execution_id, c.partition_name, %s,
                       coalesce(c.failure, split_part(s.exit_message, E'\\n', 1))
                  from batch_step_execution s
                  join partition_claim c on c.step_execution_id = s.step_execution_id
                  left join worker w on w.worker_id = c.worker_id
                 where s.job_execution_id = ? and s.status = ? and c.worker_id is not null
                 order by c.partition_name""".formatted(WORKER_LABEL),
                (rs, i) -> new Ended(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)),
                jobExecutionId, status);
    }

    private double seconds() {
        return settings.timeout().toMillis() / 1000.0;
    }
}
