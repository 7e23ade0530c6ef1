package io.evalbatch.calibrate;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.evalbatch.filter.ProblemTimeouts;
import io.evalbatch.filter.Sample;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The tables of calibrated timeouts: {@code timeout_calibration} (what a reference solution took
 * on a machine) and {@code problem_timeout} (the limit each problem of a run got), which filters
 * read through {@link ProblemTimeouts}.
 */
@Component
public class CalibrationStore implements ProblemTimeouts {

    /** Runs whose limits are held in memory: those being scored in this process. */
    private static final int CACHED_RUNS = 8;

    /** What one reference solution took; {@code cpuMs} null unless it passed. */
    record Measurement(String outcome, @Nullable Long cpuMs) {
    }

    private final JdbcClient jdbc;
    private final Map<String, Map<String, Long>> limitsByRun = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Long>> eldest) {
            return size() > CACHED_RUNS;
        }
    };

    CalibrationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Measurement> find(String problemHash, String runtime, String machine) {
        return jdbc.sql("""
                        select outcome, cpu_ms from timeout_calibration
                         where problem_hash = ? and runtime = ? and machine = ?""")
                .params(problemHash, runtime, machine)
                .query((rs, i) -> new Measurement(rs.getString(1), rs.getObject(2) == null ? null : rs.getLong(2)))
                .optional();
    }

    void save(String problemHash, String runtime, String machine, Sample problem, String outcome,
              @Nullable Long cpuMs) {
        jdbc.sql("""
                        insert into timeout_calibration (problem_hash, runtime, machine, task, doc_id, outcome, cpu_ms)
                        values (?, ?, ?, ?, ?, ?, ?)
                        on conflict (problem_hash, runtime, machine) do nothing""")
                .params(problemHash, runtime, machine, problem.task(), problem.docId(), outcome).param(cpuMs)
                .update();
    }

    /** Replaces the limits of a run's problems. */
    void saveRunLimits(String runId, List<ProblemLimit> limits) {
        jdbc.sql("delete from problem_timeout where run_id = ?").param(runId).update();
        for (ProblemLimit limit : limits) {
            jdbc.sql("""
                            insert into problem_timeout (run_id, task, doc_id, canonical_cpu_ms, cpu_limit_ms)
                            values (?, ?, ?, ?, ?)""")
                    .param(runId).param(limit.task()).param(limit.docId()).param(limit.canonicalCpuMs())
                    .param(limit.cpuLimitMs())
                    .update();
        }
    }

    /** The limits of a run's problems, in task and document order. */
    public List<ProblemLimit> runLimits(String runId) {
        return jdbc.sql("""
                        select task, doc_id, canonical_cpu_ms, cpu_limit_ms from problem_timeout
                         where run_id = ? order by task, doc_id""")
                .param(runId)
                .query((rs, i) -> new ProblemLimit(rs.getString(1), rs.getString(2),
                        rs.getObject(3) == null ? null : rs.getLong(3), rs.getLong(4), "stored"))
                .list();
    }

    /** Read once per run: its calibrate step wrote them all before any sample is scored. */
    @Override
    public OptionalLong cpuLimitMillis(Sample sample) {
        Map<String, Long> limits;
        synchronized (limitsByRun) {
            limits = limitsByRun.get(sample.runId());
        }
        if (limits == null) {
            Map<String, Long> loaded = new HashMap<>();
            runLimits(sample.runId()).forEach(l -> loaded.put(key(l.task(), l.docId()), l.cpuLimitMs()));
            limits = Map.copyOf(loaded);
            if (!limits.isEmpty()) {
                synchronized (limitsByRun) {
                    limitsByRun.put(sample.runId(), limits);
                }
            }
        }
        Long limit = limits.get(key(sample.task(), sample.docId()));
        return limit == null ? OptionalLong.empty() : OptionalLong.of(limit);
    }

    private static String key(String task, String docId) {
        return task + "\u0000" + docId;
    }
}
