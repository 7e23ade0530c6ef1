package io.evalbatch.filter;

import java.util.List;
import java.util.Optional;

import io.evalbatch.definition.FilterSpec;

/** Makes a {@link SimulationFilter} from the {@code filter:} section of a job definition. */
@io.evalbatch.plugin.Api
public interface FilterProvider {

    /** The name that selects this filter in {@code filter.name}. */
    String name();

    /** One line: what the filter scores and how, for {@code evalbatch filters}. */
    String description();

    /**
     * The options this filter accepts besides {@code name}, in the order the listing shows them.
     * The catalog checks each given option's type and range against its declaration before
     * {@link #validate} runs; the filter reads values and defaults through the declarations.
     */
    List<FilterOption> options();

    /**
     * Checks what the declarations cannot (options that depend on each other, toolchains, files)
     * without creating anything, so a bad job fails before any work.
     */
    void validate(FilterSpec spec);

    SimulationFilter create(FilterSpec spec);

    /**
     * A filter for a process that scores {@code share} of the run's partitions (1 in the process of
     * the run, less in a worker of a distributed run). A filter with a budget of the whole run, such
     * as the judge's requests per minute, keeps that share of it; others ignore it.
     */
    default SimulationFilter create(FilterSpec spec, double share) {
        return create(spec);
    }

    /**
     * Checks, before a run is created and after {@link #validate}, that what the problems need to
     * be scored is there: the modules their tests import, an endpoint that answers. Throws an
     * {@link io.evalbatch.definition.InvalidJobDefinitionException} naming the missing piece and
     * what brings it. {@code problems} reads the inputs (one sample per problem) when asked.
     */
    default void preflight(FilterSpec spec, java.util.function.Supplier<List<Sample>> problems) {
    }

    /**
     * Version of what the filter computes. Part of every result's cache key: change it whenever the
     * same sample and options could give another result (a fix, a new default), so that no stored
     * result of the old behaviour is reused.
     */
    String version();

    /**
     * What decides results besides the options and the version, such as the interpreter that runs
     * the programs; part of the cache key. Empty when nothing does.
     */
    default String runtime(FilterSpec spec) {
        return "";
    }

    /**
     * Samples per commit when the job does not set {@code execution.chunk}. A crash scores at most
     * partitions × chunk samples again, which argues for few; each commit costs the run a few
     * milliseconds, which argues for many once a sample takes microseconds to score.
     */
    default int chunk(FilterSpec spec) {
        return 20;
    }

    /** Whether results of this filter may be reused by later runs; see {@link #version()}. */
    default boolean cacheable(FilterSpec spec) {
        return true;
    }

    /**
     * The filter's calibrated timeout, when its options ask for one: the run then measures each
     * problem's canonical solution before it scores anything (see {@link CalibratedTimeout}).
     */
    default Optional<CalibratedTimeout> calibratedTimeout(FilterSpec spec) {
        return Optional.empty();
    }

    /**
     * What the filter runs or sends for a sample, as text to show a person: the program, the
     * request. Empty when it has nothing of the kind (exact match compares in memory).
     */
    default Optional<String> program(FilterSpec spec, Sample sample) {
        return Optional.empty();
    }

    /**
     * Whether a run checks the problems' reference solutions through this filter before it starts,
     * when the job does not say ({@code check:}): true for filters that run the problem's own tests,
     * for which a reference that fails means a broken scorer or environment.
     */
    default boolean checksReferences() {
        return false;
    }

    /**
     * The model whose tokens the filter's results count in their {@code prompt_tokens} and
     * {@code completion_tokens} fields (a judge's), priced by the job's {@code cost.prices}; empty
     * for a filter that spends no tokens.
     */
    default Optional<String> billedModel(FilterSpec spec) {
        return Optional.empty();
    }

    /** Whether the filter extracts an answer from each response, as exact match and maj@k need. */
    default boolean extractsAnswers() {
        return false;
    }
}
