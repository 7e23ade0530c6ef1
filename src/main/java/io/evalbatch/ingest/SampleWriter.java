package io.evalbatch.ingest;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.evalbatch.cache.ResultKeys;
import io.evalbatch.filter.Sample;
import io.evalbatch.telemetry.ScoringMeters;
import io.evalbatch.store.CopyRows;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes ingested samples with COPY, and the lines skipped as invalid, in the chunk's transaction,
 * which also carries the reader's position: a restarted ingest continues after the last committed
 * chunk and writes nothing twice. Each sample gets its result cache key here, when the run's filter
 * allows reuse. Not final: the step scope subclasses it.
 */
class SampleWriter implements ItemWriter<InputItem> {

    private static final String COPY = "copy sample (run_id, sample_id, task, doc_id, repeat_index, source_file, "
            + "source_line, prompt, response, test, entry_point, filter_key, doc, cache_key) from stdin";

    private static final String INSERT_INVALID = "insert into invalid_line (run_id, file, line, reason) values (?, ?, ?, ?)";

    private final String runId;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final ResultKeys keys;

    /** @param keys cache keys of the run's filter; null when its results are not reused */
    private final ScoringMeters meters;

    SampleWriter(String runId, DataSource dataSource, ResultKeys keys, ScoringMeters meters) {
        this.runId = runId;
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.keys = keys;
        this.meters = meters;
    }

    @Override
    public void write(Chunk<? extends InputItem> chunk) throws SQLException, IOException {
        CopyRows rows = new CopyRows();
        List<Object[]> invalid = new ArrayList<>();
        for (InputItem item : chunk) {
            Sample s = item.sample();
            if (s == null) {
                invalid.add(new Object[] {runId, item.invalid().file(), item.invalid().line(), item.invalid().reason()});
                continue;
            }
            rows.field(s.runId()).field(s.sampleId()).field(s.task()).field(s.docId()).field(s.repeatIndex())
                    .field(s.sourceFile()).field(s.sourceLine()).field(s.prompt()).field(s.response()).field(s.test())
                    .field(s.entryPoint()).field(s.filterKey()).field(s.doc())
                    .field(keys == null ? null : keys.of(s)).endRow();
        }
        rows.copyInto(dataSource, COPY);
        if (!invalid.isEmpty()) {
            jdbc.batchUpdate(INSERT_INVALID, invalid);
            meters.invalidLines(invalid.size());
        }
    }
}
