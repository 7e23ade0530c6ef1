package io.evalbatch.run;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often a run that is not on a terminal logs its progress ({@code EVALBATCH_PROGRESS_INTERVAL});
 * on a terminal the progress line is redrawn every second.
 */
@ConfigurationProperties("evalbatch.progress")
public record ProgressSettings(@DefaultValue("10s") Duration interval) {

    public ProgressSettings {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("EVALBATCH_PROGRESS_INTERVAL must be positive, not " + interval);
        }
    }
}
