package io.evalbatch.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Bootstrap of a mean over documents: the documents are drawn with replacement as many times as
 * there are, the mean taken, and this repeated. The generator is seeded from the run's seed and
 * the task name, so the same stored values always give the same replicates whatever the order in
 * which tasks are summarized, and every metric of a task is resampled with the same draws (pass@1
 * and mean, equal per document, get equal errors).
 */
final class Bootstrap {

    private static final int BLOCK = 50;

    private Bootstrap() {
    }

    /** The replicate means; {@code values} must be in a fixed order (the documents' ids). */
    static double[] replicates(double[] values, int iterations, long seed, String task) {
        return replicates(new double[][] {values}, iterations, seed, task)[0];
    }

    /**
     * The replicate means of several metrics of one task, all resampled with the same draws.
     *
     * @param values per metric, the values of the same documents in the same order
     * @return per metric, its {@code iterations} replicate means
     */
    static double[][] replicates(double[][] values, int iterations, long seed, String task) {
        int n = values[0].length;
        for (double[] metric : values) {
            if (metric.length != n) {
                throw new IllegalArgumentException("the metrics of task " + task + " cover different documents");
            }
        }
        double[][] means = new double[values.length][iterations];
        long taskSeed = streamSeed(seed, task);
        // Blocks of replicates with generators of their own: the same draws whatever thread
        // computes a block, so the result does not depend on the number of cores.
        int blocks = (iterations + BLOCK - 1) / BLOCK;
        IntStream.range(0, blocks).parallel().forEach(block -> {
            SplittableRandom random = new SplittableRandom(mix(taskSeed + block * 0x9E3779B97F4A7C15L));
            double[] sums = new double[values.length];
            for (int b = block * BLOCK; b < Math.min(iterations, (block + 1) * BLOCK); b++) {
                Arrays.fill(sums, 0);
                for (int i = 0; i < n; i++) {
                    int draw = random.nextInt(n);
                    for (int m = 0; m < values.length; m++) {
                        sums[m] += values[m][draw];
                    }
                }
                for (int m = 0; m < values.length; m++) {
                    means[m][b] = sums[m] / n;
                }
            }
        });
        return means;
    }

    /** Sample standard deviation (ddof 1) of the replicates: the bootstrap standard error. */
    static Double stderr(double[] replicates) {
        int b = replicates.length;
        if (b < 2) {
            return null;
        }
        double mean = 0;
        for (double r : replicates) {
            mean += r;
        }
        mean /= b;
        double squares = 0;
        for (double r : replicates) {
            squares += (r - mean) * (r - mean);
        }
        return Math.sqrt(squares / (b - 1));
    }

    private static long streamSeed(long seed, String task) {
        // String.hashCode is fixed by the language specification, so this is stable across JVMs.
        return mix(seed * 0x9E3779B97F4A7C15L ^ task.hashCode());
    }

    private static long mix(long h) {
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
