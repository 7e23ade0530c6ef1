package io.evalbatch.ingest;

import java.io.IOException;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.evalbatch.cache.ResultKeys;
import io.evalbatch.filter.Sample;
import io.evalbatch.store.CopyRows;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes ingested samples with COPY in the chunk's transaction, which also carries the reader's
 * position: a restarted ingest continues after the last committed chunk and writes no sample twice.
 * Each sample gets its result cache key here, when the run's filter allows reuse. Not final:
 * the step scope subclasses it.
 */
class SampleWriter implements ItemWriter<Sample> {

    private static final String COPY = "copy sample (run_id, sample_id, task, doc_id, repeat_index, source_file, "
            + "source_line, prompt, response, test, entry_point, filter_key, doc, cache_key) from stdin";

    private final DataSource dataSource;
    private final ResultKeys keys;

    /** @param keys cache keys of the run's filter; null when its results are not reused */
    SampleWriter(DataSource dataSource, ResultKeys keys) {
        this.dataSource = dataSource;
        this.keys = keys;
    }

    @Override
    public void write(Chunk<? extends Sample> chunk) throws SQLException, IOException {
        CopyRows rows = new CopyRows();
        for (Sample s : chunk) {
            rows.field(s.runId()).field(s.sampleId()).field(s.task()).field(s.docId()).field(s.repeatIndex())
                    .field(s.sourceFile()).field(s.sourceLine()).field(s.prompt()).field(s.response()).field(s.test())
                    .field(s.entryPoint()).field(s.filterKey()).field(s.doc())
                    .field(keys == null ? null : keys.of(s)).endRow();
        }
        rows.copyInto(dataSource, COPY);
    }
}
