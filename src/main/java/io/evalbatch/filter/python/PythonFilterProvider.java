package io.evalbatch.filter.python;

import java.util.List;
import java.util.stream.Collectors;
import java.util.function.Supplier;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.evalbatch.definition.FilterSpec;
import io.evalbatch.filter.CalibratedTimeout;
import io.evalbatch.filter.FilterOption;
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
 * tests in a sandbox, as openai/human-eval does. Its options are declared below.
 */
@Component
public class PythonFilterProvider implements FilterProvider {

    static final double DEFAULT_TIMEOUT_SECONDS = 3.0;
    static final FilterOption TIMEOUT = FilterOption.numberOrMapping("timeout", DEFAULT_TIMEOUT_SECONDS, 0, false, 3600,
            "CPU seconds a program may use, or {calibrate: canonical, factor: 4.0, minimum: 1.0, fallback: 3.0} for "
            + "a limit per problem from its reference solution's CPU time");
    static final FilterOption WALL_TIMEOUT = FilterOption.number("wall-timeout", 0, 0, true, 7200,
            "elapsed seconds a program may take (catches programs that sleep or block); at least the timeout")
            .computed("4 × timeout + 1");
    public static final FilterOption MEMORY_MB = FilterOption.integer("memory-mb", 4096, 1, 1_000_000,
            "address-space limit of the program, in MB");
    static final FilterOption FILE_SIZE_MB = FilterOption.integer("file-size-mb", 64, 1, 1_000_000,
            "largest file it may write, and size of each scratch file system, in MB");
    static final FilterOption PROCESSES = FilterOption.integer("processes", 64, 1, 1_000_000,
            "processes it may have at once (when it runs as its own user)");
    /** A fixed seed: set iteration order, and so some outcomes, depend on it. */
    static final FilterOption HASH_SEED = FilterOption.text("hash-seed", "0", "PYTHONHASHSEED, an integer from 0 to "
            + "4294967295, or random for Python's default: set iteration order, and with it some outcomes, depends on it");
    public static final FilterOption PYTHON = FilterOption.text("python", "python3", "the interpreter; its real path is "
            + "looked up once, so a pyenv shim costs nothing per sample");
    public static final FilterOption ISOLATION = FilterOption.choice("isolation", "auto", List.of("auto", "namespaces",
            "basic"), "namespaces (requires them), basic, or auto: namespaces when running as root, else basic");
    static final FilterOption PROGRAM = FilterOption.text("program", null, "program template in which {prompt}, "
            + "{response}, {test} and {entry_point} are replaced once").shownAs(
            "{prompt}{response}\\n{test}\\ncheck({entry_point})");
    static final FilterOption PRELOAD = FilterOption.texts("preload", SandboxSettings.DEFAULT_PRELOAD,
            "modules the warm interpreter imports once, before it forks; [] for a bare interpreter");
    private static final List<FilterOption> OPTIONS = List.of(TIMEOUT, WALL_TIMEOUT, MEMORY_MB, FILE_SIZE_MB,
            PROCESSES, HASH_SEED, PYTHON, ISOLATION, PROGRAM, PRELOAD);
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
     * the program it happened. 5: a module the problem imports and this Python lacks is an error.
     */
    @Override
    public String version() {
        return "6";
    }

    /** Another interpreter or Python version may score the same program differently. */
    @Override
    public String runtime(FilterSpec spec) {
        return PythonProbe.runtime(PYTHON.text(spec));
    }

    /** The problem's tests judge its reference solution as they judge a response. */
    @Override
    public boolean checksReferences() {
        return true;
    }

    @Override
    public String description() {
        return "runs each sample's Python program against its unit tests in the sandbox, as human-eval does";
    }

    @Override
    public List<FilterOption> options() {
        return OPTIONS;
    }

    @Override
    public void validate(FilterSpec spec) {
        settings(spec);
        template(spec);
    }

    /**
     * Every module the problems' prompts and tests import must be importable by the filter's
     * interpreter: otherwise every sample of those problems would be an error of the machine.
     * Found with importlib's find_spec, which imports nothing, on the path the sandbox has.
     */
    @Override
    public void preflight(FilterSpec spec, Supplier<List<Sample>> problems) {
        Map<String, String> modules = ProblemImports.of(problems.get());
        if (modules.isEmpty()) {
            return;
        }
        String names = modules.keySet().stream().map(m -> "'" + m + "'").collect(Collectors.joining(", "));
        String missing = PythonProbe.runAsSandbox(PythonProbe.executable(PYTHON.text(spec)), "import importlib.util\n"
                + "print(' '.join(['missing:'] + [m for m in [" + names + "] if importlib.util.find_spec(m) is None]))");
        List<String> absent = List.of(missing.substring("missing:".length()).strip().split(" ")).stream()
                .filter(m -> !m.isEmpty()).toList();
        if (!absent.isEmpty()) {
            throw spec.invalid("python", "the problems import " + absent.stream()
                    .map(m -> m + " (first in " + modules.get(m) + ")").collect(Collectors.joining(", "))
                    + ", which '" + PYTHON.text(spec) + "' cannot import, so every sample of those problems would "
                    + "be an error: install " + (absent.size() == 1 ? "it" : "them") + " for that interpreter, or "
                    + "name one that has " + (absent.size() == 1 ? "it" : "them") + " in filter.python");
        }
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
        boolean wallGiven = WALL_TIMEOUT.given(spec);
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
        String template = PROGRAM.optionalText(spec);
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
                : TIMEOUT.number(spec);
        double wall = WALL_TIMEOUT.number(spec, defaultWall(timeout));
        if (!(wall >= timeout)) {
            throw spec.invalid("wall-timeout", "must be a number of seconds, at least the timeout and at most 7200");
        }
        String seed = HASH_SEED.text(spec);
        if (!seed.equals("random") && !seed.matches("\\d{1,10}")) {
            throw spec.invalid("hash-seed", "must be an integer from 0 to 4294967295, or 'random'");
        }
        String python = PYTHON.text(spec);
        if (python.isBlank()) {
            throw spec.invalid("python", "must name a Python 3 interpreter");
        }
        return new SandboxSettings(python, seed, timeout, wall, MEMORY_MB.integer(spec), FILE_SIZE_MB.integer(spec),
                PROCESSES.integer(spec), ISOLATION.text(spec), preload(spec));
    }

    private static List<String> preload(FilterSpec spec) {
        List<String> modules = PRELOAD.texts(spec);
        for (String module : modules) {
            if (!MODULE_NAME.matcher(module).matches()) {
                throw spec.invalid("preload", "'" + module + "' is not a module name");
            }
        }
        return modules;
    }
}
