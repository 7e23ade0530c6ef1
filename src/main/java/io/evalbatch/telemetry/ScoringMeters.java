package io.evalbatch.telemetry;

import org.jspecify.annotations.Nullable;

import java.time.Duration;

import io.evalbatch.filter.ScorerEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * Evalbatch's own meters: samples scored by task, outcome and filter, their wall and CPU time,
 * samples in flight, scorer processes started and samples retried, results reused from the
 * cache, input lines skipped as invalid. The README lists them with their Prometheus names.
 */
@Component
public class ScoringMeters implements ScorerEvents {

    private final MeterRegistry registry;
    /** The meters of each filter, task and outcome, found once: scored() is called for every sample. */
    private final java.util.Map<String, Counter> scoredCounters = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Timer> durations = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, DistributionSummary> cpuTimes = new java.util.concurrent.ConcurrentHashMap<>();

    public ScoringMeters(MeterRegistry registry, InFlightSamples inFlight) {
        this.registry = registry;
        Gauge.builder("evalbatch.samples.in.flight", inFlight, InFlightSamples::count)
                .description("Samples being scored by this process now").register(registry);
    }

    /**
     * @param cpuMillis null when the filter does not measure CPU time
     */
    public void scored(String filter, String task, String outcome, Duration wall, @Nullable Long cpuMillis) {
        scoredCounters.computeIfAbsent(filter + '\u0000' + task + '\u0000' + outcome,
                key -> Counter.builder("evalbatch.samples.scored").description("Samples scored by this process")
                        .tag("filter", filter).tag("task", task).tag("outcome", outcome).register(registry))
                .increment();
        durations.computeIfAbsent(filter, key -> Timer.builder("evalbatch.sample.duration")
                .description("Wall-clock time of scoring one sample").tag("filter", filter)
                .publishPercentileHistogram().register(registry)).record(wall);
        if (cpuMillis != null) {
            cpuTimes.computeIfAbsent(filter, key -> DistributionSummary.builder("evalbatch.sample.cpu")
                    .baseUnit("seconds").description("CPU time one sample's program used").tag("filter", filter)
                    .publishPercentileHistogram().register(registry)).record(cpuMillis / 1000.0);
        }
    }

    /** A sample the scorer could not score, by the cause the filter gave (see {@code ErrorCause}). */
    public void scorerError(String filter, String cause) {
        Counter.builder("evalbatch.scorer.errors")
                .description("Samples the scorer could not score (outcome error), by cause").tag("filter", filter)
                .tag("cause", cause).register(registry).increment();
    }

    public void reused(long results) {
        Counter.builder("evalbatch.results.reused").description("Results copied from earlier runs by the cache")
                .register(registry).increment(results);
    }

    public void invalidLines(long lines) {
        Counter.builder("evalbatch.input.invalid.lines").description("Input lines skipped as invalid")
                .register(registry).increment(lines);
    }

    @Override
    public void scorerStarted(String filter) {
        Counter.builder("evalbatch.scorer.processes.started")
                .description("Scorer processes (sandboxes, simulators) started").tag("filter", filter)
                .register(registry).increment();
    }

    @Override
    public void sampleRetried(String filter) {
        Counter.builder("evalbatch.samples.retried")
                .description("Samples scored again after their scorer process died").tag("filter", filter)
                .register(registry).increment();
    }
}
