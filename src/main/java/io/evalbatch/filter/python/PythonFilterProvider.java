package io.evalbatch.filter.python;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.evalbatch.definition.FilterSpec;
import io.evalbatch.filter.CalibratedTimeout;
import io.evalbatch.filter.FilterProvider;
import io.evalbatch.filter.ProblemTimeouts;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.ScorerEvents;
import io.evalbatch.filter.SimulationFilter;
import io.evalbatch.filter.sandbox.SandboxSettings;
import io.evalbatch.filter.sandbox.TimeLimits;
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
    private static final Set<String> CALIBRATION_KEYS = Set.of("calibrate", "factor", "minimum", "fallback");

    private final ProblemTimeouts problemTimeouts;
    private final ScorerEvents events;

    public PythonFilterProvider(ProblemTimeouts problemTimeouts, ScorerEvents events) {
        this.problemTimeouts = problemTimeouts;
        this.events = events;
    }

    @Override
    public String name() {
        return "python";
    }

    /**
     * Bump with any change that can turn an outcome or detail into another, or that adds to what
     * a result holds: results of the old version are then never reused. 3: results carry the CPU
     * time used and allowed, which near-limit reports need. 4: a failure's detail says where in
     * the program it happened.
     */
    @Override
    public String version() {
        return "4";
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
        SandboxSettings settings = settings(spec);
        Optional<CalibratedTimeout> calibrated = calibratedTimeout(spec);
        if (calibrated.isEmpty()) {
            return new PythonUnitTestFilter(settings, template(spec),
                    sample -> new TimeLimits(settings.timeoutSeconds(), settings.wallSeconds()),
                    "timeout " + settings.timeoutSeconds() + " s CPU / " + settings.wallSeconds() + " s wall", events);
        }
        boolean wallGiven = spec.options().containsKey("wall-timeout");
        Function<Sample, TimeLimits> limits = sample -> {
            long millis = problemTimeouts.cpuLimitMillis(sample).orElse(calibrated.get().fallbackMillis());
            double cpu = millis / 1000.0;
            return new TimeLimits(cpu, wallGiven ? Math.max(cpu, settings.wallSeconds()) : defaultWall(cpu));
        };
        return new PythonUnitTestFilter(settings, template(spec), limits, "timeout calibrated per problem ("
                + calibrated.get().factor() + " x the reference's CPU time, at least " + calibrated.get().minimumSeconds()
                + " s; " + calibrated.get().fallbackSeconds() + " s without a reference)", events);
    }

    @Override
    public Optional<CalibratedTimeout> calibratedTimeout(FilterSpec spec) {
        if (!(spec.options().get("timeout") instanceof Map<?, ?> options)) {
            return Optional.empty();
        }
        for (Object key : options.keySet()) {
            if (!CALIBRATION_KEYS.contains(String.valueOf(key))) {
                throw spec.invalid("timeout." + key, "unknown option of a calibrated timeout (known: calibrate, "
                        + "factor, minimum, fallback)");
            }
        }
        if (!"canonical".equals(options.get("calibrate"))) {
            throw spec.invalid("timeout.calibrate", "must be 'canonical' (a number of CPU seconds is written "
                    + "as timeout: 3.0)");
        }
        double factor = calibrationNumber(spec, options, "factor", 4.0, 1000);
        double minimum = calibrationNumber(spec, options, "minimum", 1.0, 3600);
        double fallback = calibrationNumber(spec, options, "fallback", DEFAULT_TIMEOUT_SECONDS, 3600);
        return Optional.of(new CalibratedTimeout(factor, minimum, fallback));
    }

    private static double calibrationNumber(FilterSpec spec, Map<?, ?> options, String key, double defaultValue,
                                            double maximum) {
        Object value = options.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Number number) || !(number.doubleValue() > 0) || number.doubleValue() > maximum) {
            throw spec.invalid("timeout." + key, "must be a number above 0 and at most " + (long) maximum);
        }
        return number.doubleValue();
    }

    /** Generous: on a machine loaded 4 times over, a busy program still reaches its CPU limit first. */
    private static double defaultWall(double cpuSeconds) {
        return 4 * cpuSeconds + 1;
    }

    /** The program exactly as the sandbox runs it for the sample. */
    @Override
    public Optional<String> program(FilterSpec spec, Sample sample) {
        return Optional.of(template(spec).render(sample));
    }

    static ProgramTemplate template(FilterSpec spec) {
        String template = spec.optionalText("program");
        if (template != null && ProgramTemplate.PLACEHOLDERS.stream().noneMatch(template::contains)) {
            throw spec.invalid("program", "must contain at least one of " + ProgramTemplate.PLACEHOLDERS);
        }
        return new ProgramTemplate(template);
    }

    /**
     * With a calibrated timeout, {@code timeoutSeconds} is its fallback and {@code wallSeconds} the
     * wall-clock limit of fallback samples; each problem's own limits are set per sample.
     */
    SandboxSettings settings(FilterSpec spec) {
        Optional<CalibratedTimeout> calibrated = calibratedTimeout(spec);
        double timeout = calibrated.isPresent() ? calibrated.get().fallbackSeconds()
                : spec.number("timeout", DEFAULT_TIMEOUT_SECONDS);
        if (!(timeout > 0) || timeout > 3600) {
            throw spec.invalid("timeout", "must be a number of CPU seconds between 0 and 3600, or "
                    + "{calibrate: canonical, factor: 4.0, minimum: 1.0}");
        }
        double wall = spec.number("wall-timeout", defaultWall(timeout));
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
