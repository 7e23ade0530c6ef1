package io.evalbatch.report;

import io.evalbatch.filter.Sample;

/** One sample as ingested, and how it was scored ({@code outcome} null while it is not). */
public record SampleDetail(Sample sample, String outcome, Double score, String answer, String detail, Long durationMs,
                           Long cpuMs, Long cpuLimitMs, Boolean nearLimit, String fields, String reusedFrom) {
}
