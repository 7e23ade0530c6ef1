package io.evalbatch.run;

/** One sample of a run and how it was scored; {@code outcome} is null while it is not scored yet. */
public record SampleOutcome(long sampleId, String task, String docId, int repeatIndex, String sourceFile,
                            long sourceLine, String outcome, Double score, String answer, String detail,
                            Long durationMs) {
}
