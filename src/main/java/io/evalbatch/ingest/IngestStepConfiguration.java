package io.evalbatch.ingest;

import javax.sql.DataSource;

import io.evalbatch.cache.ResultKeys;
import io.evalbatch.definition.FilterSpec;
import io.evalbatch.filter.FilterCatalog;
import io.evalbatch.step.ChunkStepGuards;
import io.evalbatch.step.RunDefinition;
import io.evalbatch.telemetry.ScoringMeters;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code ingest} step, the first: input files → {@code sample}. Every line is validated here, so a bad
 * input stops the run before anything is scored.
 */
@Configuration(proxyBeanMethods = false)
public class IngestStepConfiguration {

    public static final String STEP_NAME = "ingest";
    private static final int CHUNK_SIZE = 5000;

    @Bean
    @StepScope
    SampleFileReader sampleFileReader(RunDefinition run, FormatCatalog formats) {
        return SampleFileReader.of(run.runId(), run.definition().input(), run.definition().source(), formats,
                JsonMapper.builder().build());
    }

    @Bean
    @StepScope
    SampleWriter sampleWriter(RunDefinition run, FilterCatalog filters, DataSource dataSource, ScoringMeters meters) {
        FilterSpec filter = run.definition().filter();
        return new SampleWriter(run.runId(), dataSource,
                filters.cacheable(filter) ? new ResultKeys(filters.keyed(filter), filters.version(filter)) : null, meters);
    }

    @Bean
    IngestStep ingestStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                          ItemStreamReader<InputItem> sampleFileReader, ItemWriter<InputItem> sampleWriter,
                          ChunkStepGuards guards, ObservationRegistry observations) {
        return new IngestStep(guards.guard(new StepBuilder(STEP_NAME, jobRepository).observationRegistry(observations)
                        .<InputItem, InputItem>chunk(CHUNK_SIZE), STEP_NAME)
                .transactionManager(transactionManager)
                .reader(sampleFileReader)
                .writer(sampleWriter)
                .build());
    }
}
