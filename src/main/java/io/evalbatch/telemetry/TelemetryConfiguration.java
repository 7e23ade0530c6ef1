package io.evalbatch.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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

    @Bean
    ObservationRegistry observationRegistry(MeterRegistry meters) {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
        return registry;
    }
}
