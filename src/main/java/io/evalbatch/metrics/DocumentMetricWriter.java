package io.evalbatch.metrics;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Writes per-document metric values with PostgreSQL's COPY, on the chunk's own connection and so
 * in its transaction: several times faster than inserts for the hundreds of thousands of rows a
 * large run has. The metrics step clears the run's rows before it starts, so there is nothing to
 * conflict with.
 */
final class DocumentMetricWriter implements ItemWriter<List<DocumentMetric>> {

    private static final String COPY = "copy document_metric (run_id, task, doc_id, metric, value, samples) from stdin";

    private final DataSource dataSource;

    DocumentMetricWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void write(Chunk<? extends List<DocumentMetric>> chunk) throws SQLException, IOException {
        StringBuilder rows = new StringBuilder();
        for (List<DocumentMetric> document : chunk) {
            for (DocumentMetric m : document) {
                rows.append(escape(m.runId())).append('\t').append(escape(m.task())).append('\t')
                        .append(escape(m.docId())).append('\t').append(escape(m.metric())).append('\t')
                        .append(m.value()).append('\t').append(m.samples()).append('\n');
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(rows.toString()));
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** COPY's text format: backslash, tab, newline and carriage return are escaped. */
    static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
