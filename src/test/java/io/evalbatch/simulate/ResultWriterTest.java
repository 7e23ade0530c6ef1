package io.evalbatch.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import javax.sql.DataSource;

import io.evalbatch.support.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Results by COPY in the chunk's transaction: stored as given, a chunk holding results already
 * stored keeps the first ones and adds the rest, and any other failure fails the chunk.
 */
@DatabaseTest
class ResultWriterTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    ResultWriter writer;

    private String aRun() {
        String runId = "writer-" + System.nanoTime();
        jdbc.sql("insert into eval_run (run_id, job_name, definition, inputs) values (?, 'writer', '{}', '')")
                .param(runId).update();
        return runId;
    }

    private static SampleResult result(String runId, long id, String outcome, String detail) {
        return new SampleResult(runId, id, "t\tab", "doc\n" + id, 0, outcome, outcome.equals("passed") ? 1 : 0,
                "answer \\ " + id, detail, 7, id == 1 ? 5L : null, id == 1 ? 3000L : null,
                id == 1 ? "{\"steps\": 3}" : null, "key-" + id);
    }

    private void write(SampleResult... results) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            try {
                writer.write(new Chunk<>(List.of(results)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private List<String> stored(String runId) {
        return jdbc.sql("""
                        select sample_id || '|' || task || '|' || doc_id || '|' || outcome || '|' || score || '|' || answer
                               || '|' || coalesce(detail, 'NULL') || '|' || duration_ms || '|' || coalesce(cpu_ms::text, 'NULL')
                               || '|' || coalesce(cpu_limit_ms::text, 'NULL') || '|' || coalesce((fields ->> 'steps'), 'NULL')
                               || '|' || cache_key
                          from result where run_id = ? order by sample_id""")
                .param(runId).query(String.class).list();
    }

    @Test
    void resultsAreStoredAsGiven() {
        String runId = aRun();
        write(result(runId, 1, "passed", "all\tgood\n"), result(runId, 2, "failed", null));

        assertThat(stored(runId)).containsExactly(
                "1|t\tab|doc\n1|passed|1|answer \\ 1|all\tgood\n|7|5|3000|3|key-1",
                "2|t\tab|doc\n2|failed|0|answer \\ 2|NULL|7|NULL|NULL|NULL|key-2");
    }

    @Test
    void aChunkWithResultsAlreadyStoredKeepsThemAndAddsTheRest() {
        String runId = aRun();
        write(result(runId, 1, "passed", "first"), result(runId, 2, "passed", "first"));
        write(result(runId, 2, "failed", "second"), result(runId, 3, "failed", "second"));

        assertThat(stored(runId)).hasSize(3);
        assertThat(jdbc.sql("select detail from result where run_id = ? order by sample_id").param(runId)
                .query(String.class).list()).containsExactly("first", "first", "second");
    }

    @Test
    void anyOtherFailureFailsTheChunkAndStoresNothingOfIt() {
        String runId = aRun();
        assertThatThrownBy(() -> write(result(runId, 1, "passed", "x"), result(runId, 2, "not an outcome", "x")))
                .hasStackTraceContaining("result_outcome_check");
        assertThat(stored(runId)).isEmpty();
    }
}
