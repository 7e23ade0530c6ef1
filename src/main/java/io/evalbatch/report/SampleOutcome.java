package io.evalbatch.report;

/**
 * One sample of a run and how it was scored; {@code outcome} is null while it is not scored yet,
 * {@code fields} the filter's named fields as a JSON object (or null), {@code reusedFrom} the run
 * that computed a reused result; {@code cpuMs} and {@code cpuLimitMs} the CPU time used and
 * allowed (null when the filter does not measure it), {@code nearLimit} whether the outcome could
 * be another on a machine twice as fast or twice as slow ({@link NearLimitCount}).
 */
public record SampleOutcome(long sampleId, String task, String docId, int repeatIndex, String sourceFile,
                            long sourceLine, String outcome, Double score, String answer, String detail,
                            Long durationMs, Long cpuMs, Long cpuLimitMs, Boolean nearLimit, String fields,
                            String reusedFrom) {
}
