package io.evalbatch.calibrate;

import java.util.List;

import io.evalbatch.definition.JobDefinition;
import io.evalbatch.filter.Sample;
import io.evalbatch.step.RunDefinition;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Gives each problem of a run with a calibrated timeout its CPU limit, and folds that limit into
 * the cache keys of the problem's samples: a result scored under one limit is never reused by a
 * run that gives the same sample another. Runs with a fixed timeout pass through untouched. One
 * transaction: after a crash the step starts over, reusing the measurements it had stored.
 */
final class Calibration implements Tasklet {

    private static final String SALT_CACHE_KEYS = """
            update sample s
               set cache_key = encode(sha256(convert_to(s.cache_key || ' cpu-limit-ms ' || t.cpu_limit_ms, 'UTF8')),
                                      'hex')
              from problem_timeout t
             where s.run_id = ? and t.run_id = s.run_id and t.task = s.task and t.doc_id = s.doc_id
               and s.cache_key is not null""";

    private final JdbcClient jdbc;
    private final RunDefinition run;
    private final Calibrator calibrator;
    private final CalibrationStore store;

    /** @param run the job's run, a proxy of the job scope */
    Calibration(JdbcClient jdbc, RunDefinition run, Calibrator calibrator, CalibrationStore store) {
        this.jdbc = jdbc;
        this.run = run;
        this.calibrator = calibrator;
        this.store = store;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        String runId = run.runId();
        JobDefinition definition = run.definition();
        if (calibrator.timeout(definition).isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        List<Sample> problems = jdbc.sql("""
                        select distinct on (task, doc_id) run_id, sample_id, task, doc_id, repeat_index, source_file,
                               source_line, prompt, response, test, entry_point, filter_key, doc
                          from sample where run_id = ? order by task, doc_id, sample_id""")
                .param(runId)
                .query((rs, i) -> new Sample(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getString(6), rs.getLong(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13)))
                .list();
        List<ProblemLimit> limits = calibrator.calibrate(definition, problems);
        store.saveRunLimits(runId, limits);
        jdbc.sql(SALT_CACHE_KEYS).param(runId).update();
        // the problems measured now; the others had stored measurements
        contribution.incrementWriteCount(limits.stream().filter(l -> l.source().equals("measured")).count());
        return RepeatStatus.FINISHED;
    }
}
