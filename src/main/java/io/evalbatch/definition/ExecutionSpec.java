package io.evalbatch.definition;

/**
 * How the simulate step is parallelised, and whether stored results are reused.
 *
 * @param partitions ranges of samples scored side by side, each with its own reader and commits
 * @param threads    samples scored at once, over all partitions
 * @param chunk      samples per transaction: the most a crash can make evalbatch score again, per partition;
 *                   {@link #FILTER_CHUNK} while the job leaves it to its filter, until the run is created
 * @param cache      whether a sample whose result another run already computed (same filter, version,
 *                   options and inputs) takes that result instead of being scored again
 * @param distributed whether the partitions go to {@code evalbatch worker} processes (which score
 *                   with their own threads) instead of being scored in the process of the run
 * @param maxErrors  samples the scorer may fail to score (outcome {@code error}) and the run still
 *                   complete, their metrics computed over the samples scored; with more, the run
 *                   ends FAILED after scoring everything else, and {@code restart} scores them again
 */
public record ExecutionSpec(int partitions, int threads, int chunk, boolean cache, boolean distributed,
                            int maxErrors) {

    public static final ExecutionSpec DEFAULT = new ExecutionSpec(4, Runtime.getRuntime().availableProcessors(), 20);

    /** The chunk of a job that does not set one: its filter's ({@code FilterProvider.chunk}). */
    public static final int FILTER_CHUNK = 0;

    public ExecutionSpec(int partitions, int threads, int chunk) {
        this(partitions, threads, chunk, true, false, 0);
    }

    public ExecutionSpec withChunk(int replacement) {
        return new ExecutionSpec(partitions, threads, replacement, cache, distributed, maxErrors);
    }

    public ExecutionSpec withCache(boolean replacement) {
        return new ExecutionSpec(partitions, threads, chunk, replacement, distributed, maxErrors);
    }

    public ExecutionSpec withDistributed(boolean replacement) {
        return new ExecutionSpec(partitions, threads, chunk, cache, replacement, maxErrors);
    }
}
