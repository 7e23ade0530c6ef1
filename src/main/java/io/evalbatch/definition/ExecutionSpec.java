package io.evalbatch.definition;

/**
 * How the simulate step is parallelised, and whether stored results are reused.
 *
 * @param partitions ranges of samples scored side by side, each with its own reader and commits
 * @param threads    samples scored at once, over all partitions
 * @param chunk      samples per transaction: the most a crash can make evalbatch score again, per partition
 * @param cache      whether a sample whose result another run already computed (same filter, version,
 *                   options and inputs) takes that result instead of being scored again
 * @param distributed whether the partitions go to {@code evalbatch worker} processes (which score
 *                   with their own threads) instead of being scored in the process of the run
 */
public record ExecutionSpec(int partitions, int threads, int chunk, boolean cache, boolean distributed) {

    public static final ExecutionSpec DEFAULT = new ExecutionSpec(4, Runtime.getRuntime().availableProcessors(), 20);

    public ExecutionSpec(int partitions, int threads, int chunk) {
        this(partitions, threads, chunk, true, false);
    }

    public ExecutionSpec withCache(boolean replacement) {
        return new ExecutionSpec(partitions, threads, chunk, replacement, distributed);
    }

    public ExecutionSpec withDistributed(boolean replacement) {
        return new ExecutionSpec(partitions, threads, chunk, cache, replacement);
    }
}
