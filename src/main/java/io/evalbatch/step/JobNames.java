package io.evalbatch.step;

/**
 * The Spring Batch job names of a run: its evaluation, and each re-derivation of its metrics by
 * {@code evalbatch metrics}. The job repository keys executions by them.
 */
public final class JobNames {

    public static final String EVALUATION = "evaluation";
    public static final String METRICS = "metrics";
    /** Scores again, before a restart, the samples of a run whose scorer failed on them. */
    public static final String RESCORE = "rescore";

    private JobNames() {
    }
}
