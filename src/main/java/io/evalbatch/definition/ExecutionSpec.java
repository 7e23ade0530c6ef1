package io.evalbatch.definition;

/**
 * How the simulate step is parallelised.
 *
 * @param partitions ranges of samples scored side by side, each with its own reader and commits
 * @param threads    samples scored at once, over all partitions
 * @param chunk      samples per transaction: the most a crash can make evalbatch score again, per partition
 */
public record ExecutionSpec(int partitions, int threads, int chunk) {

    public static final ExecutionSpec DEFAULT = new ExecutionSpec(4, Runtime.getRuntime().availableProcessors(), 20);
}
