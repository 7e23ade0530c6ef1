package io.evalbatch.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.aop.framework.Advised;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One Prometheus meter registry per process, and the observation registry that turns Spring
 * Batch's observations (jobs, steps, item reads, processing, chunk writes) into meters of it.
 * Evalbatch builds its jobs and steps itself, so it hands this observation registry to their
 * builders: Spring Batch's own wiring would leave them on the no-op registry.
 */
@Configuration(proxyBeanMethods = false)
public class TelemetryConfiguration {

    @Bean
    PrometheusMeterRegistry meterRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /**
     * The job operator that Spring Boot configures keeps the no-op observation registry
     * (spring-batch #5463); give it this one, for the launch observations.
     */
    @Bean
    static BeanPostProcessor jobOperatorObservations(ObjectProvider<ObservationRegistry> observations) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                Object target = bean;
                if (bean instanceof Advised advised) {
                    try {
                        target = advised.getTargetSource().getTarget();
                    } catch (Exception e) {
                        return bean;
                    }
                }
                if (target instanceof TaskExecutorJobOperator operator) {
                    operator.setObservationRegistry(observations.getObject());
                }
                return bean;
            }
        };
    }

    /** Spring Batch's observations per item, the ones left out unless asked for. */
    private static final java.util.Set<String> ITEM_OBSERVATIONS = java.util.Set.of("spring.batch.item.read",
            "spring.batch.item.process");

    @Bean
    ObservationRegistry observationRegistry(MeterRegistry meters, TelemetrySettings settings) {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        if (!settings.itemObservations()) {
            registry.observationConfig().observationPredicate((name, context) -> !ITEM_OBSERVATIONS.contains(name));
        }
        return registry;
    }
}
