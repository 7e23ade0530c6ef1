package io.evalbatch.tally;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** The {@code tally} step, the last of a run. */
@Configuration(proxyBeanMethods = false)
public class TallyStepConfiguration {

    public static final String TALLY_STEP_NAME = "tally";

    @Bean
    TallyStep tallyStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcClient jdbc,
                        ObservationRegistry observations) {
        return new TallyStep(new StepBuilder(TALLY_STEP_NAME, jobRepository)
                .observationRegistry(observations)
                .tasklet(new TallyTasklet(jdbc, TallyTasklet.SLOWEST_KEPT), transactionManager)
                .build());
    }
}
