package io.evalbatch.filter.python;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.evalbatch.definition.FilterSpec;
import io.evalbatch.filter.FilterProvider;
import io.evalbatch.filter.SimulationFilter;
import org.springframework.stereotype.Component;

/**
 * {@code filter: {name: python, timeout: 3.0, ...}}: scores code completions by running their unit
 * tests in a sandbox, as openai/human-eval does. Options and defaults are listed in the README.
 */
@Component
public class PythonFilterProvider implements FilterProvider {

    static final double DEFAULT_TIMEOUT_SECONDS = 3.0;
    /** A fixed seed: set iteration order, and so some outcomes, depend on it. */
    static final String DEFAULT_HASH_SEED = "0";
    private static final Pattern MODULE_NAME = Pattern.compile("[A-Za-z_]\\w*(\\.[A-Za-z_]\\w*)*");

    @Override
    public String name() {
        return "python";
    }

    /**
     * Bump with any change that can turn an outcome or detail into another: results of the old
     * version are then never reused.
     */
    @Override
    public String version() {
        return "2";
    }

    /** Another interpreter or Python version may score the same program differently. */
    @Override
    public String runtime(FilterSpec spec) {
        return PythonProbe.run(spec.text("python", "python3"), "import sys; print(sys.executable); print(sys.version)");
    }

    @Override
    public Set<String> options() {
        return Set.of("timeout", "wall-timeout", "python", "hash-seed", "memory-mb", "file-size-mb", "processes",
                "isolation", "program", "preload");
    }

    @Override
    public void validate(FilterSpec spec) {
        settings(spec);
        template(spec);
    }

    @Override
    public SimulationFilter create(FilterSpec spec) {
        return new PythonUnitTestFilter(settings(spec), template(spec));
    }

    static ProgramTemplate template(FilterSpec spec) {
        String template = spec.text("program", null);
        if (template != null && ProgramTemplate.PLACEHOLDERS.stream().noneMatch(template::contains)) {
            throw spec.invalid("program", "must contain at least one of " + ProgramTemplate.PLACEHOLDERS);
        }
        return new ProgramTemplate(template);
    }

    static SandboxSettings settings(FilterSpec spec) {
        double timeout = spec.number("timeout", DEFAULT_TIMEOUT_SECONDS);
        if (!(timeout > 0) || timeout > 3600) {
            throw spec.invalid("timeout", "must be a number of CPU seconds between 0 and 3600");
        }
        // Generous: on a machine loaded 4 times over, a busy program still reaches its CPU limit first.
        double wall = spec.number("wall-timeout", 4 * timeout + 1);
        if (!(wall >= timeout) || wall > 7200) {
            throw spec.invalid("wall-timeout", "must be a number of seconds, at least the timeout and at most 7200");
        }
        String seed = spec.text("hash-seed", DEFAULT_HASH_SEED);
        if (!seed.equals("random") && !seed.matches("\\d{1,10}")) {
            throw spec.invalid("hash-seed", "must be an integer from 0 to 4294967295, or 'random'");
        }
        String python = spec.text("python", "python3");
        if (python.isBlank()) {
            throw spec.invalid("python", "must name a Python 3 interpreter");
        }
        String isolation = spec.text("isolation", "auto");
        if (!Set.of("auto", "namespaces", "basic").contains(isolation)) {
            throw spec.invalid("isolation", "must be auto, namespaces or basic");
        }
        return new SandboxSettings(python, seed, timeout, wall,
                positive(spec, "memory-mb", 4096), positive(spec, "file-size-mb", 64),
                positive(spec, "processes", 64), isolation, preload(spec));
    }

    private static List<String> preload(FilterSpec spec) {
        if (!spec.options().containsKey("preload")) {
            return SandboxSettings.DEFAULT_PRELOAD;
        }
        List<String> modules = spec.strings("preload");
        for (String module : modules) {
            if (!MODULE_NAME.matcher(module).matches()) {
                throw spec.invalid("preload", "'" + module + "' is not a module name");
            }
        }
        return modules;
    }

    private static int positive(FilterSpec spec, String key, int defaultValue) {
        double value = spec.number(key, defaultValue);
        if (value < 1 || value > 1_000_000 || value != Math.rint(value)) {
            throw spec.invalid(key, "must be a positive integer");
        }
        return (int) value;
    }
}
