package io.evalbatch.simulate;

import java.util.function.Supplier;

import io.evalbatch.filter.FilterResult;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.ScoringUnavailableException;
import io.evalbatch.filter.SimulationFilter;
import org.jspecify.annotations.Nullable;

/**
 * Creates the run's filter when the first sample needs it. Starting a filter can cost more than
 * a whole run whose results were all reused (the python filter starts a sandbox, a command filter
 * its simulator); a filter that cannot start still fails the run at its first sample.
 */
final class LazyFilter implements SimulationFilter {

    private final Supplier<SimulationFilter> factory;
    private volatile @Nullable SimulationFilter filter;

    LazyFilter(Supplier<SimulationFilter> factory) {
        this.factory = factory;
    }

    @Override
    public FilterResult evaluate(Sample sample) {
        SimulationFilter current = filter;
        if (current == null) {
            synchronized (this) {
                if (filter == null) {
                    filter = start();
                }
                current = filter;
            }
        }
        return current.evaluate(sample);
    }

    /** A filter that cannot start is a broken scorer, not a bad sample: the run fails, to be restarted. */
    private SimulationFilter start() {
        try {
            return factory.get();
        } catch (ScoringUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ScoringUnavailableException("the filter cannot start: " + e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (filter != null) {
            filter.close();
        }
    }
}
