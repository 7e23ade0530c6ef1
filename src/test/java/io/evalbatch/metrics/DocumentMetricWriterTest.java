package io.evalbatch.metrics;

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

@DatabaseTest
class DocumentMetricWriterTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    private String newRun() {
        String runId = "copy-" + System.nanoTime();
        jdbc.sql("insert into eval_run (run_id, job_name, definition, inputs) values (?, 'copy', '{}', '')")
                .param(runId).update();
        return runId;
    }

    @Test
    void idsWithTabsNewlinesAndBackslashesArriveUnchanged() throws Exception {
        String runId = newRun();
        String awkward = "doc\t1\\n\nline two\r\\";
        DocumentMetric m = new DocumentMetric(runId, "task \\ x", awkward, "pass@1", 0.1 + 0.2, 7);
        DocumentMetric tiny = new DocumentMetric(runId, "task \\ x", "plain", "pass@1", 1e-300, 1);

        new TransactionTemplate(transactions).executeWithoutResult(status -> write(List.of(List.of(m, tiny))));

        List<DocumentMetric> stored = jdbc.sql("""
                        select run_id, task, doc_id, metric, value, samples from document_metric
                         where run_id = ? order by doc_id collate "C" """)
                .param(runId).query(DocumentMetric.class).list();
        assertThat(stored).containsExactly(m, tiny);
    }

    @Test
    void rowsAreWrittenInTheChunkTransactionAndRolledBackWithIt() {
        String runId = newRun();
        DocumentMetric m = new DocumentMetric(runId, "t", "d", "mean", 0.5, 2);

        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            write(List.of(List.of(m)));
            throw new IllegalStateException("chunk failed");
        })).hasMessage("chunk failed");

        assertThat(jdbc.sql("select count(*) from document_metric where run_id = ?").param(runId)
                .query(Long.class).single()).isZero();
    }

    private void write(List<List<DocumentMetric>> documents) {
        try {
            new DocumentMetricWriter(dataSource).write(new Chunk<>(documents));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
