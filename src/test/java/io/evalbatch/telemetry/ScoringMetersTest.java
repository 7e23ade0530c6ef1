package io.evalbatch.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * Evalbatch's meters as Prometheus reads them, and the dashboard in ops/ asks only for meters that
 * exist.
 */
class ScoringMetersTest {

    /** Gauges of the services, registered by Workers and DatabaseWatch and scraped in MetricsEndpointTest. */
    private static final Set<String> SERVICE_GAUGES = Set.of("evalbatch_workers_live", "evalbatch_partitions_waiting",
            "evalbatch_database_unreachable_seconds");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final InFlightSamples inFlight = new InFlightSamples();
    private final ScoringMeters meters = new ScoringMeters(registry, inFlight);

    @Test
    void eachEventCountsUnderItsNameAndLabels() {
        meters.scored("python", "humaneval", "passed", Duration.ofMillis(1500), 1400L);
        meters.scored("python", "humaneval", "timed_out", Duration.ofMillis(3100), 3000L);
        meters.scored("python", "mbpp", "passed", Duration.ofMillis(20), 10L);
        meters.scored("command", "sim", "failed", Duration.ofMillis(5), null);
        meters.reused(40);
        meters.invalidLines(2);
        meters.scorerStarted("python");
        meters.scorerStarted("python");
        meters.sampleRetried("python");
        inFlight.started("run", 7, "humaneval", "HumanEval/129", 0);

        Exposition scraped = Exposition.parse(registry.scrape());
        assertThat(scraped.named("evalbatch_samples_scored_total")).hasSize(4)
                .anySatisfy(s -> assertThat(s.labels()).containsEntry("filter", "python")
                        .containsEntry("task", "humaneval").containsEntry("outcome", "timed_out"));
        assertThat(scraped.sum("evalbatch_samples_scored_total")).isEqualTo(4);
        assertThat(scraped.sum("evalbatch_sample_duration_seconds_sum")).isCloseTo(1.5 + 3.1 + 0.02 + 0.005,
                within(1e-9));
        // CPU time only where the filter measured it: 1.4 + 3.0 + 0.01 s over three samples
        assertThat(scraped.sum("evalbatch_sample_cpu_seconds_count")).isEqualTo(3);
        assertThat(scraped.sum("evalbatch_sample_cpu_seconds_sum")).isCloseTo(4.41, within(1e-9));
        assertThat(scraped.sum("evalbatch_results_reused_total")).isEqualTo(40);
        assertThat(scraped.sum("evalbatch_input_invalid_lines_total")).isEqualTo(2);
        assertThat(scraped.sum("evalbatch_scorer_processes_started_total")).isEqualTo(2);
        assertThat(scraped.sum("evalbatch_samples_retried_total")).isEqualTo(1);
        assertThat(scraped.sum("evalbatch_samples_in_flight")).isEqualTo(1);
        inFlight.finished("run", 7);
        assertThat(Exposition.parse(registry.scrape()).sum("evalbatch_samples_in_flight")).isZero();
    }

    @Test
    void theDashboardAsksOnlyForMetersThatExist() throws Exception {
        meters.scored("python", "humaneval", "passed", Duration.ofMillis(1500), 1400L);
        meters.reused(1);
        meters.invalidLines(1);
        meters.scorerStarted("python");
        meters.sampleRetried("python");
        Set<String> exposed = new TreeSet<>(SERVICE_GAUGES);
        Exposition.parse(registry.scrape()).samples().forEach(s -> exposed.add(s.name()));

        String dashboard = Files.readString(Path.of("ops/grafana-evalbatch.json"));
        Matcher names = Pattern.compile("\\bevalbatch_[a-z_]+").matcher(dashboard);
        Set<String> asked = new TreeSet<>();
        while (names.find()) {
            asked.add(names.group());
        }
        assertThat(asked).hasSizeGreaterThan(5);
        assertThat(exposed).containsAll(asked);
    }
}
