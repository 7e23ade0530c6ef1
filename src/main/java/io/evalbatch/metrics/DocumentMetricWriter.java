package io.evalbatch.metrics;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import io.evalbatch.store.CopyRows;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes per-document metric values with COPY in the chunk's transaction. The metrics step clears
 * the run's rows before it starts, so there is nothing to conflict with.
 */
final class DocumentMetricWriter implements ItemWriter<List<DocumentMetric>> {

    private static final String COPY = "copy document_metric (run_id, task, doc_id, metric, value, samples) from stdin";

    private final DataSource dataSource;

    DocumentMetricWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void write(Chunk<? extends List<DocumentMetric>> chunk) throws SQLException, IOException {
        CopyRows rows = new CopyRows();
        for (List<DocumentMetric> document : chunk) {
            for (DocumentMetric m : document) {
                rows.field(m.runId()).field(m.task()).field(m.docId()).field(m.metric()).field(m.value())
                        .field(m.samples()).endRow();
            }
        }
        rows.copyInto(dataSource, COPY);
    }
}
