package io.evalbatch.simulate;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

import javax.sql.DataSource;

import io.evalbatch.store.CopyRows;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Writes a chunk's results in the chunk's transaction, with the reader position: by COPY, which
 * costs the database a fraction of inserts. A result already stored (a worker that lost its
 * partition still finishing it while another scores it again) makes COPY fail; the chunk then goes
 * back to its savepoint and is written by inserts that skip such results, so the first result
 * stored is kept as before.
 */
final class ResultWriter implements ItemWriter<SampleResult> {

    private static final String COPY = "copy result (run_id, sample_id, task, doc_id, repeat_index, outcome, score, "
            + "answer, detail, duration_ms, cpu_ms, cpu_limit_ms, fields, cache_key) from stdin";
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final JdbcBatchItemWriter<SampleResult> inserts;

    ResultWriter(DataSource dataSource, JdbcBatchItemWriter<SampleResult> inserts) {
        this.dataSource = dataSource;
        this.inserts = inserts;
    }

    @Override
    public void write(Chunk<? extends SampleResult> chunk) throws Exception {
        CopyRows rows = new CopyRows();
        for (SampleResult r : chunk) {
            rows.field(r.runId()).field(r.sampleId()).field(r.task()).field(r.docId()).field(r.repeatIndex())
                    .field(r.outcome()).field(r.score()).field(r.answer()).field(r.detail()).field(r.durationMs())
                    .field(r.cpuMs()).field(r.cpuLimitMs()).field(r.fields()).field(r.cacheKey()).endRow();
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            Savepoint savepoint = connection.setSavepoint();
            try {
                rows.copyInto(dataSource, COPY);
                connection.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                connection.rollback(savepoint);
                inserts.write(chunk);
            }
        } catch (IOException e) {
            throw new SQLException("could not send the chunk's results: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }
}
