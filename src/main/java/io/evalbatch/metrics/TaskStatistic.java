package io.evalbatch.metrics;

/**
 * One metric of one task, as the summary has computed it, with its bootstrap replicates (null
 * without bootstrap), from which group rows are derived.
 *
 * @param stderr    closed-form standard error; null with a single document
 * @param documents documents the mean is taken over
 * @param samples   samples of those documents
 */
record TaskStatistic(String task, String metric, double value, Double stderr, long documents, long samples,
                     double[] replicates) {

    TaskStatistic withReplicates(double[] bootstrapReplicates) {
        return new TaskStatistic(task, metric, value, stderr, documents, samples, bootstrapReplicates);
    }
}
