package io.evalbatch.simulate;

import java.util.Map;
import javax.sql.DataSource;

import io.evalbatch.cache.ResultReuse;
import io.evalbatch.definition.ExecutionSpec;
import io.evalbatch.filter.Sample;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Readers and writer of step 2, {@code simulate}. The step itself depends on the run's
 * parallelism and is assembled per run by {@link SimulateStepFactory}.
 */
@Configuration(proxyBeanMethods = false)
public class SimulateStepConfiguration {

    /**
     * One reader per partition, over that partition's range of sample ids, in id order, leaving
     * out samples that already have a result. Only a partial reuse needs a {@code not exists}: the
     * reuse step then refreshed the planner's statistics, so that it is a lookup per sample and
     * not a scan of all results per page (with stale statistics simulate of a million samples took
     * three times as long).
     */
    @Bean
    @StepScope
    JdbcPagingItemReader<KeyedSample> partitionSampleReader(DataSource dataSource,
            @Value("#{jobParameters['run.id']}") String runId,
            @Value("#{jobExecutionContext['" + ResultReuse.REUSED + "']}") String reused,
            @Value("#{stepExecutionContext['" + SampleRangePartitioner.FIRST + "']}") Long first,
            @Value("#{stepExecutionContext['" + SampleRangePartitioner.LAST + "']}") Long last,
            @Value("#{stepExecutionContext['" + SampleRangePartitioner.CHUNK + "']}") Integer chunk) throws Exception {
        String unscored = switch (reused == null ? ResultReuse.SOME : reused) {
            case ResultReuse.NONE -> "";
            case ResultReuse.ALL -> " and false";
            default -> " and not exists (select 1 from result r where r.run_id = sample.run_id"
                    + " and r.sample_id = sample.sample_id)";
        };
        return new JdbcPagingItemReaderBuilder<KeyedSample>()
                .name("samples")
                .dataSource(dataSource)
                .selectClause("select run_id, sample_id, task, doc_id, repeat_index, source_file, source_line, "
                        + "prompt, response, test, entry_point, filter_key, doc, cache_key")
                .fromClause("from sample")
                .whereClause("where run_id = :runId and sample_id between :first and :last" + unscored)
                .parameterValues(Map.of("runId", runId, "first", first, "last", last))
                .sortKeys(Map.of("sample_id", Order.ASCENDING))
                // Partitions made before the chunk was kept with them page by the default chunk.
                .pageSize(chunk == null ? ExecutionSpec.DEFAULT.chunk() : chunk)
                // By position, not by reflection on names: mapping was the reader's main cost.
                .rowMapper((rs, row) -> new KeyedSample(new Sample(rs.getString(1), rs.getLong(2), rs.getString(3),
                        rs.getString(4), rs.getInt(5), rs.getString(6), rs.getLong(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13)),
                        rs.getString(14)))
                .build();
    }

    /** Results are written in the chunk's transaction, with the reader position. */
    @Bean
    ResultWriter resultWriter(DataSource dataSource) {
        return new ResultWriter(dataSource, resultInserts(dataSource));
    }

    /** The writer of a chunk some of whose results are already stored: those are skipped. */
    private static JdbcBatchItemWriter<SampleResult> resultInserts(DataSource dataSource) {
        JdbcBatchItemWriter<SampleResult> writer = new JdbcBatchItemWriterBuilder<SampleResult>()
                .dataSource(dataSource)
                .sql("""
                        insert into result (run_id, sample_id, task, doc_id, repeat_index, outcome, score, answer,
                                            detail, duration_ms, cpu_ms, cpu_limit_ms, fields, cache_key)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)
                        on conflict (run_id, sample_id) do nothing""")
                .itemPreparedStatementSetter((r, ps) -> {
                    ps.setString(1, r.runId());
                    ps.setLong(2, r.sampleId());
                    ps.setString(3, r.task());
                    ps.setString(4, r.docId());
                    ps.setInt(5, r.repeatIndex());
                    ps.setString(6, r.outcome());
                    ps.setDouble(7, r.score());
                    ps.setString(8, r.answer());
                    ps.setString(9, r.detail());
                    ps.setLong(10, r.durationMs());
                    ps.setObject(11, r.cpuMs(), java.sql.Types.BIGINT);
                    ps.setObject(12, r.cpuLimitMs(), java.sql.Types.BIGINT);
                    ps.setString(13, r.fields());
                    ps.setString(14, r.cacheKey());
                })
                .assertUpdates(false)
                .build();
        writer.afterPropertiesSet();
        return writer;
    }
}
