package io.evalbatch.filter;

import java.util.Set;

import io.evalbatch.definition.FilterSpec;

/** Makes a {@link SimulationFilter} from the {@code filter:} section of a job definition. */
public interface FilterProvider {

    /** The name that selects this filter in {@code filter.name}. */
    String name();

    /** Options this filter accepts besides {@code name}. */
    Set<String> options();

    /** Checks every option without creating anything, so a bad job fails before any work. */
    void validate(FilterSpec spec);

    SimulationFilter create(FilterSpec spec);

    /** Whether the filter extracts an answer from each response, as exact match and maj@k need. */
    default boolean extractsAnswers() {
        return false;
    }
}
