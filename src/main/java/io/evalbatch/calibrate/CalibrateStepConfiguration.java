package io.evalbatch.calibrate;

import io.evalbatch.step.RunDefinition;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** The {@code calibrate} step, between ingest and reuse: the CPU limit of each problem of the run. */
@Configuration(proxyBeanMethods = false)
public class CalibrateStepConfiguration {

    public static final String STEP_NAME = "calibrate";

    @Bean
    CalibrateStep calibrateStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                JdbcClient jdbc, RunDefinition run, Calibrator calibrator, CalibrationStore store,
                                ObservationRegistry observations) {
        return new CalibrateStep(new StepBuilder(STEP_NAME, jobRepository)
                .observationRegistry(observations)
                .tasklet(new Calibration(jdbc, run, calibrator, store), transactionManager)
                .build());
    }
}
