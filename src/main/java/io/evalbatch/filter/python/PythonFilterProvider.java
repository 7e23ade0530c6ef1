package io.evalbatch.filter.python;

import java.util.Set;

import io.evalbatch.definition.FilterSpec;
import io.evalbatch.filter.FilterProvider;
import io.evalbatch.filter.SimulationFilter;
import org.springframework.stereotype.Component;

/**
 * {@code filter: {name: python, timeout: 3.0, python: python3, hash-seed: 0}}: scores code
 * completions by running their unit tests, as openai/human-eval does.
 */
@Component
public class PythonFilterProvider implements FilterProvider {

    static final double DEFAULT_TIMEOUT_SECONDS = 3.0;
    /** A fixed seed: set iteration order, and so some outcomes, depend on it. */
    static final String DEFAULT_HASH_SEED = "0";

    @Override
    public String name() {
        return "python";
    }

    @Override
    public Set<String> options() {
        return Set.of("timeout", "python", "hash-seed");
    }

    @Override
    public void validate(FilterSpec spec) {
        double timeout = spec.number("timeout", DEFAULT_TIMEOUT_SECONDS);
        if (!(timeout > 0) || timeout > 3600) {
            throw spec.invalid("timeout", "must be a number of seconds between 0 and 3600");
        }
        String seed = spec.text("hash-seed", DEFAULT_HASH_SEED);
        if (!seed.equals("random") && !seed.matches("\\d{1,10}")) {
            throw spec.invalid("hash-seed", "must be an integer from 0 to 4294967295, or 'random'");
        }
        if (spec.text("python", "python3").isBlank()) {
            throw spec.invalid("python", "must name a Python 3 interpreter");
        }
    }

    @Override
    public SimulationFilter create(FilterSpec spec) {
        return new PythonUnitTestFilter(spec.text("python", "python3"),
                spec.number("timeout", DEFAULT_TIMEOUT_SECONDS), spec.text("hash-seed", DEFAULT_HASH_SEED));
    }
}
