package io.evalbatch.bench;

import java.util.List;
import java.util.Map;

import io.evalbatch.definition.ExecutionSpec;
import io.evalbatch.definition.FilterSpec;
import io.evalbatch.definition.InputFormat;
import io.evalbatch.definition.InputSpec;
import io.evalbatch.definition.JobDefinition;
import io.evalbatch.definition.MetricsSpec;
import io.evalbatch.definition.ProblemFields;
import io.evalbatch.step.RunStore;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes a finished run straight into the database, sample and result rows made by PostgreSQL
 * itself, so that what is measured afterwards is only what reads them. Outcomes are a fixed
 * function of the ids: document d passes with probability (d × 7919 mod 101) / 100.
 */
@Component
class SyntheticRun {

    private final JdbcClient jdbc;
    private final RunStore runs;

    SyntheticRun(JdbcClient jdbc, RunStore runs) {
        this.jdbc = jdbc;
        this.runs = runs;
    }

    void create(String runId, int documents, int repeats, MetricsSpec metrics) {
        JobDefinition definition = new JobDefinition("bench-metrics", "bench", new InputSpec(InputFormat.HUMAN_EVAL,
                List.of(), null, "synthetic", ProblemFields.HUMAN_EVAL, null, 0),
                new FilterSpec("bench", "test", Map.of()), ExecutionSpec.DEFAULT, metrics);
        runs.create(runId, definition);
        long samples = (long) documents * repeats;
        jdbc.sql("""
                insert into sample (run_id, sample_id, task, doc_id, repeat_index, source_file, source_line,
                                    prompt, response, test)
                select :run, g, 'synthetic', 'doc-' || lpad((g / :repeats)::text, 8, '0'), (g % :repeats)::int,
                       'synthetic', g / :repeats + 1, '', '', ''
                  from generate_series(0::bigint, :samples - 1) g""")
                .param("run", runId).param("repeats", repeats).param("samples", samples)
                .update();
        jdbc.sql("""
                insert into result (run_id, sample_id, task, doc_id, repeat_index, outcome, score, duration_ms)
                select run_id, sample_id, task, doc_id, repeat_index,
                       case when passed then 'passed' else 'failed' end, case when passed then 1 else 0 end, 0
                  from (select run_id, sample_id, task, doc_id, repeat_index,
                               ((sample_id * 2654435761) % 1000) / 1000.0
                                   < ((sample_id / :repeats) * 7919 % 101) / 100.0 as passed
                          from sample where run_id = :run) s""")
                .param("run", runId).param("repeats", repeats)
                .update();
    }
}
