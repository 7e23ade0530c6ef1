package io.evalbatch.metrics;

import java.util.List;

import javax.sql.DataSource;

import io.evalbatch.run.RunStore;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcBatchItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;
import org.springframework.batch.infrastructure.item.database.builder.JdbcBatchItemWriterBuilder;
import org.springframework.batch.infrastructure.item.database.builder.JdbcCursorItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.namedparam.SimplePropertySqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Steps 3 and 4, {@code metrics} and {@code summary}: per-document outcome counts are read from
 * {@code result} with SQL, turned into per-document metric values, and then averaged per task with
 * SQL. Nothing here re-runs a simulation.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsStepConfiguration {

    public static final String METRICS_STEP_NAME = "metrics";
    public static final String SUMMARY_STEP_NAME = "summary";
    private static final int CHUNK_SIZE = 500;

    @Bean
    @StepScope
    JdbcCursorItemReader<DocumentOutcomes> documentOutcomesReader(DataSource dataSource,
            @Value("#{jobParameters['run.id']}") String runId) {
        // Auto-commit off and a fetch size make PostgreSQL stream the rows instead of loading all.
        return new JdbcCursorItemReaderBuilder<DocumentOutcomes>()
                .name("documentOutcomes")
                .dataSource(dataSource)
                .sql("""
                        select s.run_id, s.task, s.doc_id,
                               count(*)                                   as samples,
                               count(*) filter (where r.outcome = 'passed') as passed,
                               avg(r.score)                               as mean_score
                          from sample s
                          join result r on r.run_id = s.run_id and r.sample_id = s.sample_id
                         where s.run_id = ?
                         group by s.run_id, s.task, s.doc_id
                         order by s.task, s.doc_id""")
                .queryArguments(List.of(runId))
                .connectionAutoCommit(false)
                .fetchSize(1000)
                .rowMapper(new DataClassRowMapper<>(DocumentOutcomes.class))
                .build();
    }

    @Bean
    @StepScope
    ItemProcessor<DocumentOutcomes, List<DocumentMetric>> documentMetricsProcessor(RunStore runs, @Value("#{jobParameters['run.id']}") String runId) {
        return new DocumentMetricsProcessor(runs.definition(runId).metrics());
    }

    @Bean
    JdbcBatchItemWriter<DocumentMetric> documentMetricWriter(DataSource dataSource) {
        return new JdbcBatchItemWriterBuilder<DocumentMetric>()
                .dataSource(dataSource)
                .sql("""
                        insert into document_metric (run_id, task, doc_id, metric, value, samples)
                        values (:runId, :task, :docId, :metric, :value, :samples)
                        on conflict (run_id, task, doc_id, metric)
                        do update set value = excluded.value, samples = excluded.samples""")
                .itemSqlParameterSourceProvider(SimplePropertySqlParameterSource::new)
                .build();
    }

    @Bean
    Step metricsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                     ItemStreamReader<DocumentOutcomes> documentOutcomesReader,
                     ItemProcessor<DocumentOutcomes, List<DocumentMetric>> documentMetricsProcessor,
                     JdbcBatchItemWriter<DocumentMetric> documentMetricWriter, JdbcClient jdbc) {
        ItemWriter<List<DocumentMetric>> flattening = chunk -> {
            Chunk<DocumentMetric> rows = new Chunk<>();
            chunk.forEach(rows::addAll);
            documentMetricWriter.write(rows);
        };
        return new StepBuilder(METRICS_STEP_NAME, jobRepository)
                .<DocumentOutcomes, List<DocumentMetric>>chunk(CHUNK_SIZE)
                .listener(new FreshStatistics(jdbc))
                .transactionManager(transactionManager)
                .reader(documentOutcomesReader)
                .processor(documentMetricsProcessor)
                .writer(flattening)
                .build();
    }

    @Bean
    Step summaryStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                     JdbcClient jdbc, RunStore runs) {
        return new StepBuilder(SUMMARY_STEP_NAME, jobRepository)
                .tasklet(new TaskMetricsTasklet(jdbc, runs), transactionManager)
                .build();
    }
}
