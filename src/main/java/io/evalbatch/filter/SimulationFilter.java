package io.evalbatch.filter;

/**
 * The expensive step: scores one sample. Called from several threads at once, once per sample,
 * and must give the same result for the same sample whatever the thread.
 *
 * <p>An exception thrown here is recorded as an {@link Outcome#ERROR} of that sample and the run
 * goes on, except a {@link ScoringUnavailableException}, which fails the run so it can be
 * restarted once the scorer is back.
 */
public interface SimulationFilter extends AutoCloseable {

    FilterResult evaluate(Sample sample);

    /** Releases worker processes or pools; called once the run ends. */
    @Override
    default void close() {
    }
}
