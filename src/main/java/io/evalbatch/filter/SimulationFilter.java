package io.evalbatch.filter;

/**
 * The expensive step: scores one sample. Called from several threads at once, once per sample,
 * and must give the same result for the same sample whatever the thread.
 *
 * <p>An exception thrown here is recorded as an {@link Outcome#ERROR} of that sample and the run
 * goes on, except a {@link ScoringUnavailableException}, which fails the run so it can be
 * restarted once the scorer is back.
 */
@io.evalbatch.plugin.Api
public interface SimulationFilter extends AutoCloseable {

    FilterResult evaluate(Sample sample);

    /**
     * {@link #evaluate} as a run scores a sample: an exception of the filter, or no result, is that
     * sample's {@link Outcome#ERROR}; only a {@link ScoringUnavailableException} is thrown on.
     */
    default FilterResult score(Sample sample) {
        try {
            FilterResult result = evaluate(sample);
            return result != null ? result : FilterResult.error(ErrorCause.FILTER, "the filter returned no result");
        } catch (ScoringUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            return FilterResult.error(ErrorCause.FILTER, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Releases worker processes or pools; called once the run ends. */
    @Override
    default void close() {
    }
}
