package io.evalbatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import io.evalbatch.definition.ExecutionSpec;
import io.evalbatch.definition.FilterSpec;
import io.evalbatch.definition.InputFormat;
import io.evalbatch.definition.InputSpec;
import io.evalbatch.definition.JobDefinition;
import io.evalbatch.definition.MetricSelection;
import io.evalbatch.definition.MetricsSpec;
import io.evalbatch.definition.ProblemFields;
import io.evalbatch.run.MetricsRecomputation;
import io.evalbatch.step.RunStore;
import io.evalbatch.support.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code score} metric over results whose scores, summed as doubles, give a different last
 * bit in different orders: the stored order must not matter, and a job without the metric must
 * not pay for averaging scores.
 */
@DatabaseTest
class ScoreMetricTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RunStore runs;

    @Autowired
    MetricsRecomputation recomputation;

    /**
     * Document a: scores 0.1, 0.2, 0.3 stored in that order, document b the same in reverse. Summed
     * as doubles, a's mean would be 0.20000000000000004 and b's 0.19999999999999998; both are 0.2.
     * Passed: one of a's three, two of b's.
     */
    private String aRun(boolean score) {
        String runId = "score-" + System.nanoTime();
        MetricsSpec metrics = new MetricsSpec(Map.of("pass-at-k", MetricSelection.of(List.of()),
                "score", MetricSelection.of(score)), List.of(), new MetricsSpec.Bootstrap(0, 1), Map.of());
        runs.create(runId, new JobDefinition("score", "score", new InputSpec(InputFormat.HUMAN_EVAL, List.of(), null,
                "t", ProblemFields.HUMAN_EVAL, null, 0), new FilterSpec("t", "test", Map.of()), ExecutionSpec.DEFAULT,
                metrics));
        Object[][] results = {{"a", 0.1, "passed"}, {"a", 0.2, "failed"}, {"a", 0.3, "failed"},
                {"b", 0.3, "failed"}, {"b", 0.2, "passed"}, {"b", 0.1, "passed"}};
        for (int id = 0; id < results.length; id++) {
            Object[] r = results[id];
            jdbc.sql("""
                    insert into sample (run_id, sample_id, task, doc_id, repeat_index, source_file, source_line,
                                        prompt, response, test)
                    values (?, ?, 't', ?, ?, 'f', ?, '', '', '')""")
                    .params(runId, id, r[0], id, id + 1).update();
            jdbc.sql("""
                    insert into result (run_id, sample_id, task, doc_id, repeat_index, outcome, score, duration_ms)
                    values (?, ?, 't', ?, ?, ?, ?, 0)""")
                    .params(runId, id, r[0], id, r[2], r[1]).update();
        }
        return runId;
    }

    private Double value(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Double.class).optional().orElse(null);
    }

    @Test
    void aDocumentsScoreIsTheExactMeanWhateverOrderItsResultsWereStoredIn() {
        String runId = aRun(true);
        assertThat(recomputation.recompute(runId, null).completed()).isTrue();

        assertThat(value("select value from document_metric where run_id = ? and doc_id = 'a' and metric = 'score'", runId))
                .isEqualTo(0.2);
        assertThat(value("select value from document_metric where run_id = ? and doc_id = 'b' and metric = 'score'", runId))
                .isEqualTo(0.2);
        assertThat(value("select value from metric where run_id = ? and scope = 'task' and metric = 'score'", runId))
                .isEqualTo(0.2);
        // mean is the share passed: a 1/3, b 2/3
        assertThat(value("select value from metric where run_id = ? and scope = 'task' and metric = 'mean'", runId))
                .isCloseTo(0.5, within(1e-15));
    }

    @Test
    void withoutTheScoreMetricNoScoreIsStored() {
        String runId = aRun(false);
        assertThat(recomputation.recompute(runId, null).completed()).isTrue();

        assertThat(jdbc.sql("select distinct metric from document_metric where run_id = ?").param(runId)
                .query(String.class).list()).containsExactly("mean");
    }
}
