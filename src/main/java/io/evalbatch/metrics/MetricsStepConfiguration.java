package io.evalbatch.metrics;

import java.util.List;
import javax.sql.DataSource;

import io.evalbatch.step.ChunkStepGuards;
import io.evalbatch.step.RunDefinition;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code metrics} and {@code summary} steps, after simulate: per-document outcome counts are read from
 * {@code result} with SQL, turned into per-document metric values, and then averaged per task and
 * group. Nothing here re-runs a simulation, so both steps also make up {@code evalbatch metrics}.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsStepConfiguration {

    public static final String METRICS_STEP_NAME = "metrics";
    public static final String SUMMARY_STEP_NAME = "summary";
    private static final int CHUNK_SIZE = 2000;

    @Bean
    @StepScope
    DocumentOutcomesReader documentOutcomesReader(DataSource dataSource, RunDefinition run, MetricCatalog catalog) {
        return new DocumentOutcomesReader(dataSource, run.runId(), run.definition().metrics(), catalog);
    }

    @Bean
    @StepScope
    ItemProcessor<DocumentOutcomes, List<DocumentMetric>> documentMetricsProcessor(RunDefinition run,
            MetricCatalog catalog) {
        return new DocumentMetricsProcessor(run.definition().metrics(), catalog);
    }

    @Bean
    MetricsStep metricsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                            ItemStreamReader<DocumentOutcomes> documentOutcomesReader,
                            ItemProcessor<DocumentOutcomes, List<DocumentMetric>> documentMetricsProcessor,
                            DataSource dataSource, JdbcClient jdbc, ChunkStepGuards guards,
                            ObservationRegistry observations) {
        return new MetricsStep(guards.guard(new StepBuilder(METRICS_STEP_NAME, jobRepository)
                        .observationRegistry(observations)
                        .<DocumentOutcomes, List<DocumentMetric>>chunk(CHUNK_SIZE), METRICS_STEP_NAME)
                .listener(new MetricsStepStart(jdbc))
                .transactionManager(transactionManager)
                .reader(documentOutcomesReader)
                .processor(documentMetricsProcessor)
                .writer(new DocumentMetricWriter(dataSource))
                .build());
    }

    @Bean
    SummaryStep summaryStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                            JdbcClient jdbc, RunDefinition run, MetricCatalog catalog, ObservationRegistry observations) {
        return new SummaryStep(new StepBuilder(SUMMARY_STEP_NAME, jobRepository)
                .observationRegistry(observations)
                .tasklet(new SummaryTasklet(jdbc, run, catalog), transactionManager)
                .build());
    }
}
