package io.evalbatch.retry;

import io.evalbatch.step.RunDefinition;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
public class ScorerErrorsStepConfiguration {

    public static final String ERRORS_STEP_NAME = "errors";

    private static final Logger log = LoggerFactory.getLogger(ScorerErrorsStepConfiguration.class);

    @Bean
    ScorerErrorsStep scorerErrorsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                      ScorerErrors errors, RunDefinition run, ObservationRegistry observations) {
        return new ScorerErrorsStep(new StepBuilder(ERRORS_STEP_NAME, jobRepository)
                .observationRegistry(observations)
                .tasklet((contribution, chunkContext) -> {
                    String runId = run.runId();
                    long count = errors.count(runId);
                    long unscored = errors.unscored(runId);
                    int allowed = run.definition().execution().maxErrors();
                    if (count > allowed || unscored > 0) {
                        throw new ScorerErrorsException(runId, count, unscored, allowed, errors.kinds(runId));
                    }
                    if (count > 0) {
                        log.warn("run {}: {} samples could not be scored (execution.max-errors allows {}); the "
                                + "metrics are computed over the others", runId, count, allowed);
                    }
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build());
    }
}
