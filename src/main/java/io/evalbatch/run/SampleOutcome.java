package io.evalbatch.run;

/**
 * One sample of a run and how it was scored; {@code outcome} is null while it is not scored yet,
 * {@code fields} the filter's named fields as a JSON object (or null), {@code reusedFrom} the run
 * that computed a reused result.
 */
public record SampleOutcome(long sampleId, String task, String docId, int repeatIndex, String sourceFile,
                            long sourceLine, String outcome, Double score, String answer, String detail,
                            Long durationMs, String fields, String reusedFrom) {
}
