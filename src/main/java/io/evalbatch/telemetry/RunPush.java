package io.evalbatch.telemetry;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Pushes this process's meters to the Pushgateway of {@link TelemetrySettings} when a run ends,
 * grouped by job and run, so that runs too short to be scraped leave a trace. A gateway that
 * cannot be reached costs a warning, never the run.
 */
@Component
public class RunPush {

    private static final Logger log = LoggerFactory.getLogger(RunPush.class);

    private final TelemetrySettings settings;
    private final PrometheusMeterRegistry registry;

    RunPush(TelemetrySettings settings, PrometheusMeterRegistry registry) {
        this.settings = settings;
        this.registry = registry;
    }

    public void ended(String runId) {
        if (settings.pushgateway().isEmpty()) {
            return;
        }
        URI gateway = URI.create(settings.pushgateway());
        try {
            PushGateway.builder()
                    .scheme("https".equals(gateway.getScheme()) ? Scheme.HTTPS : Scheme.HTTP)
                    .address(gateway.getHost() + ":" + (gateway.getPort() < 0 ? 9091 : gateway.getPort()))
                    .format(Format.PROMETHEUS_TEXT)
                    .job("evalbatch")
                    .groupingKey("run", runId)
                    .registry(registry.getPrometheusRegistry())
                    .connectionTimeout(Duration.ofSeconds(5))
                    .readTimeout(Duration.ofSeconds(5))
                    .build()
                    .push();
            log.info("run {}: meters pushed to {}", runId, settings.pushgateway());
        } catch (IOException | RuntimeException e) {
            log.warn("run {}: could not push meters to {}: {}", runId, settings.pushgateway(), e.getMessage());
        }
    }
}
