package io.evalbatch.telemetry;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where runs report to, and when the progress line calls a run stuck. Every setting can come from
 * the environment.
 *
 * @param pushgateway a Prometheus Pushgateway ({@code EVALBATCH_PUSHGATEWAY}, e.g.
 *                    {@code http://pushgateway:9091}) that every run pushes its meters to when it
 *                    ends; empty for none
 * @param stuckAfter  how long no sample may finish before the progress line names the samples in
 *                    flight ({@code EVALBATCH_STUCK_AFTER})
 * @param itemObservations whether Spring Batch times every item read and processed
 *                    ({@code EVALBATCH_ITEM_OBSERVATIONS}); off by default, since a timer looked up
 *                    per item costs a cheap scorer a tenth of its time and evalbatch's own
 *                    per-sample histogram says what matters
 */
@ConfigurationProperties("evalbatch")
public record TelemetrySettings(@DefaultValue("") String pushgateway, @DefaultValue("20s") Duration stuckAfter,
                                @DefaultValue("false") boolean itemObservations) {

    public TelemetrySettings {
        if (!pushgateway.isEmpty()) {
            URI uri;
            try {
                uri = URI.create(pushgateway);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("EVALBATCH_PUSHGATEWAY must be a URL such as "
                        + "http://pushgateway:9091, not '" + pushgateway + "'");
            }
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new IllegalArgumentException("EVALBATCH_PUSHGATEWAY must be a URL such as "
                        + "http://pushgateway:9091, not '" + pushgateway + "'");
            }
        }
        if (stuckAfter.isNegative() || stuckAfter.isZero()) {
            throw new IllegalArgumentException("EVALBATCH_STUCK_AFTER must be positive, not " + stuckAfter);
        }
    }
}
