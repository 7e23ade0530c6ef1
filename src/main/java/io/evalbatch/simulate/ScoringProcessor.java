package io.evalbatch.simulate;

import org.jspecify.annotations.Nullable;

import io.evalbatch.filter.FilterResult;
import io.evalbatch.filter.Outcome;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.SimulationFilter;
import io.evalbatch.telemetry.InFlightSamples;
import io.evalbatch.telemetry.ScoringMeters;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the simulation filter on one sample. A sample whose scoring throws is recorded as an error
 * with its reason and never stops the others; only {@link ScoringUnavailableException} fails the run.
 */
final class ScoringProcessor implements ItemProcessor<KeyedSample, SampleResult> {

    private static final int MAX_DETAIL = 4000;

    private final SimulationFilter filter;
    private final String filterName;
    private final ScoringMeters meters;
    private final InFlightSamples inFlight;
    private final JsonMapper json = JsonMapper.builder().build();

    ScoringProcessor(SimulationFilter filter, String filterName, ScoringMeters meters, InFlightSamples inFlight) {
        this.filter = filter;
        this.filterName = filterName;
        this.meters = meters;
        this.inFlight = inFlight;
    }

    @Override
    public SampleResult process(KeyedSample keyed) {
        Sample sample = keyed.sample();
        long start = System.nanoTime();
        FilterResult result;
        inFlight.started(sample.runId(), sample.sampleId(), sample.task(), sample.docId(), sample.repeatIndex());
        try {
            result = filter.score(sample);
        } finally {
            inFlight.finished(sample.runId(), sample.sampleId());
        }
        long nanos = System.nanoTime() - start;
        long millis = nanos / 1_000_000;
        meters.scored(filterName, sample.task(), result.outcome().key(), java.time.Duration.ofNanos(nanos),
                result.cpu() == null ? null : result.cpu().usedMillis());
        result.errorCause().ifPresent(cause -> meters.scorerError(filterName, cause));
        return new SampleResult(sample.runId(), sample.sampleId(), sample.task(), sample.docId(),
                sample.repeatIndex(), result.outcome().key(), result.score(),
                truncate(result.answer()), truncate(result.detail()), millis,
                result.cpu() == null ? null : result.cpu().usedMillis(),
                result.cpu() == null ? null : result.cpu().limitMillis(),
                result.fields().isEmpty() ? null : json.writeValueAsString(result.fields()),
                // An error says the scorer failed, not what the response is worth: never reused.
                result.outcome() == Outcome.ERROR ? null : keyed.cacheKey());
    }

    private static @Nullable String truncate(@Nullable String detail) {
        return detail == null || detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "...";
    }
}
