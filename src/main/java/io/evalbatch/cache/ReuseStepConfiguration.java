package io.evalbatch.cache;

import io.evalbatch.filter.FilterCatalog;
import io.evalbatch.step.RunDefinition;
import io.evalbatch.step.RunStore;
import io.evalbatch.telemetry.ScoringMeters;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The {@code reuse} step, after ingest and calibrate and before simulate: results other runs computed for identical
 * samples become this run's, in one transaction, and simulate scores only what is left.
 */
@Configuration(proxyBeanMethods = false)
public class ReuseStepConfiguration {

    public static final String STEP_NAME = "reuse";

    @Bean
    ReuseStep reuseStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcClient jdbc,
                        RunStore runs, RunDefinition run, FilterCatalog filters, ScoringMeters meters,
                        ObservationRegistry observations) {
        return new ReuseStep(new StepBuilder(STEP_NAME, jobRepository)
                .observationRegistry(observations)
                .tasklet(new ResultReuse(jdbc, runs, run, filters, meters), transactionManager)
                .build());
    }
}
