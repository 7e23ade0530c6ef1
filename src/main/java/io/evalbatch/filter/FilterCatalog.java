package io.evalbatch.filter;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.evalbatch.definition.ExecutionSpec;
import io.evalbatch.definition.FilterSpec;
import io.evalbatch.definition.InvalidJobDefinitionException;
import org.springframework.stereotype.Component;

/** Every filter known to this evalbatch, by the name a job definition uses. */
@Component
public class FilterCatalog {

    private final Map<String, FilterProvider> providers;

    public FilterCatalog(List<FilterProvider> providers) {
        this.providers = providers.stream()
                .collect(Collectors.toMap(FilterProvider::name, Function.identity(), (a, b) -> {
                    throw io.evalbatch.plugin.IncompatiblePluginException.sameName(
                            "two filters are named '" + a.name() + "'", a, b);
                }, TreeMap::new));
    }

    /**
     * Checks every option of the job against the filter's declarations — all unknown keys and all
     * values of the wrong type or range at once, each with its line — then lets the filter check
     * what depends on several options.
     */
    public void validate(FilterSpec spec) {
        FilterProvider provider = provider(spec);
        Map<String, FilterOption> declared = new java.util.LinkedHashMap<>();
        provider.options().forEach(o -> declared.put(o.name(), o));
        List<InvalidJobDefinitionException> errors = new java.util.ArrayList<>();
        spec.options().forEach((key, value) -> {
            FilterOption option = declared.get(key);
            if (option == null) {
                errors.add(spec.invalid(key, "unknown option of filter '" + spec.name() + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(declared.keySet())) + ")"));
            } else if (value != null && option.problem(value) != null) {
                errors.add(spec.invalid(key, java.util.Objects.requireNonNull(option.problem(value))));
            }
        });
        if (!errors.isEmpty()) {
            throw errors.size() == 1 ? errors.get(0) : new InvalidJobDefinitionException(errors);
        }
        provider.validate(spec);
    }

    /** Every filter, by name. */
    public Map<String, FilterProvider> filters() {
        return java.util.Collections.unmodifiableMap(providers);
    }

    public SimulationFilter create(FilterSpec spec) {
        return create(spec, 1);
    }

    /** A filter for a process scoring {@code share} of the run's partitions; see {@link FilterProvider#create(FilterSpec, double)}. */
    public SimulationFilter create(FilterSpec spec, double share) {
        validate(spec);
        return provider(spec).create(spec, share);
    }

    /** The filter's own version: one short line, without the toolchain it runs on. */
    public String ownVersion(FilterSpec spec) {
        return provider(spec).version();
    }

    /** What the filter runs programs with on this machine (an interpreter and its build, say); empty if nothing. */
    public String toolchain(FilterSpec spec) {
        return provider(spec).runtime(spec);
    }

    /** The filter's version and runtime, part of its results' cache keys. */
    public String version(FilterSpec spec) {
        FilterProvider provider = provider(spec);
        String runtime = provider.runtime(spec);
        return runtime.isEmpty() ? provider.version() : provider.version() + "\n" + runtime;
    }

    /** The execution settings with the filter's chunk where the job left the chunk to it. */
    public ExecutionSpec execution(FilterSpec spec, ExecutionSpec execution) {
        return execution.chunk() == ExecutionSpec.FILTER_CHUNK ? execution.withChunk(provider(spec).chunk(spec))
                : execution;
    }

    public boolean cacheable(FilterSpec spec) {
        return provider(spec).cacheable(spec);
    }

    public java.util.Optional<CalibratedTimeout> calibratedTimeout(FilterSpec spec) {
        return provider(spec).calibratedTimeout(spec);
    }

    /** The program or request the run's filter ran for a sample ({@link FilterProvider#program}). */
    public java.util.Optional<String> program(FilterSpec spec, Sample sample) {
        return provider(spec).program(spec, sample);
    }

    /** See {@link FilterProvider#preflight}. */
    public void preflight(FilterSpec spec, java.util.function.Supplier<List<Sample>> problems) {
        provider(spec).preflight(spec, problems);
    }

    public boolean checksReferences(FilterSpec spec) {
        return provider(spec).checksReferences();
    }

    /** The filter spec with only the options that can change a result: what its cache keys hash. */
    public FilterSpec keyed(FilterSpec spec) {
        java.util.Set<String> unkeyed = provider(spec).options().stream().filter(o -> !o.keyed())
                .map(FilterOption::name).collect(java.util.stream.Collectors.toSet());
        if (unkeyed.isEmpty()) {
            return spec;
        }
        Map<String, Object> options = new java.util.LinkedHashMap<>(spec.options());
        options.keySet().removeAll(unkeyed);
        return spec.withOptions(options);
    }

    public java.util.Optional<String> billedModel(FilterSpec spec) {
        return provider(spec).billedModel(spec);
    }

    public boolean extractsAnswers(FilterSpec spec) {
        return provider(spec).extractsAnswers();
    }

    /** What to say of a filter name nothing provides: the known ones, and where a plugin's would come from. */
    public String unknown(String name) {
        return "unknown filter '" + name + "' (known: " + String.join(", ", providers.keySet()) + "; " + io.evalbatch.plugin.PluginJars.noneProvides("filter") + ")";
    }

    private FilterProvider provider(FilterSpec spec) {
        FilterProvider provider = providers.get(spec.name());
        if (provider == null) {
            throw new InvalidJobDefinitionException(spec.source(), "filter.name", unknown(spec.name()));
        }
        return provider;
    }
}
