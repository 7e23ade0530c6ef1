package io.evalbatch.metrics;

/**
 * The mean of one metric over a task's documents and its standard error (sample standard
 * deviation, ddof 1, over the square root of the document count, as lm-eval's {@code mean_stderr}).
 *
 * <p>Computed by the same updates, in the same order, as PostgreSQL's {@code avg} and
 * {@code stddev_samp} of {@code double precision} (the Youngs–Cramer algorithm of its
 * {@code float8_accum}): the summary once took them from SQL, and a run summarized again must give
 * the same bits. The values must come in a fixed order (the documents' ids).
 *
 * @param stderr null for a single document, as {@code stddev_samp} of one value is null
 */
record TaskMean(double value, Double stderr) {

    static TaskMean of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to average");
        }
        double n = 0;
        double sum = 0;
        double squares = 0;
        for (double value : values) {
            double before = n;
            n += 1.0;
            sum += value;
            if (before > 0.0) {
                double deviation = value * n - sum;
                squares += deviation * deviation / (n * before);
            } else if (Double.isNaN(value) || Double.isInfinite(value)) {
                squares = Double.NaN;
            }
        }
        Double stderr = null;
        if (n > 1.0) {
            // Rounding can leave the sum of squares just below zero; PostgreSQL then says zero.
            double deviation = squares <= 0.0 ? 0.0 : Math.sqrt(squares / (n - 1.0));
            stderr = deviation / Math.sqrt(n);
        }
        return new TaskMean(sum / n, stderr);
    }
}
