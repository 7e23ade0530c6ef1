package io.evalbatch.filter.evalplus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.TreeSet;
import java.util.function.Supplier;

import io.evalbatch.definition.FilterSpec;
import io.evalbatch.definition.InputSpec;
import io.evalbatch.filter.FilterOption;
import io.evalbatch.filter.FilterProvider;
import io.evalbatch.filter.Machine;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.ScorerEvents;
import io.evalbatch.filter.ScoringUnavailableException;
import io.evalbatch.filter.SimulationFilter;
import io.evalbatch.filter.python.PythonFilterProvider;
import io.evalbatch.filter.python.PythonProbe;
import io.evalbatch.filter.sandbox.SandboxFailure;
import io.evalbatch.filter.sandbox.SandboxPool;
import io.evalbatch.filter.sandbox.SandboxSettings;
import org.springframework.stereotype.Component;

/**
 * {@code filter: {name: evalplus}}: HumanEval+ (or another evalplus release file) scored as
 * evalplus's evaluator scores it, base and plus. Its options are declared below, with evalplus's
 * defaults.
 */
@Component
public class EvalplusFilterProvider implements FilterProvider {

    static final FilterOption DATASET = FilterOption.text("dataset", EvalplusDataset.HUMAN_EVAL_PLUS, "the problems with "
            + "their base and plus inputs: humaneval-plus (HumanEval+ v0.1.10, bundled) or an evalplus release file "
            + "(.jsonl or .jsonl.gz)");
    static final FilterOption MIN_TIME_LIMIT = FilterOption.number("min-time-limit", 4.0, 0, false, 3600,
            "the least CPU seconds an input may take (evalplus's --min-time-limit)");
    static final FilterOption TIME_LIMIT_FACTOR = FilterOption.number("time-limit-factor", 4.0, 0, false, 1000,
            "an input may take this many times the reference solution's CPU time (evalplus's --gt-time-limit-factor)");
    static final FilterOption TEST_DETAILS = FilterOption.flag("test-details", false, "run every input and keep all "
            + "that failed (evalplus's --test-details); by default a part stops at its first failing input");
    /** The interpreter, memory and isolation of checks are those of the python filter's programs, and read alike. */
    static final FilterOption PYTHON = PythonFilterProvider.PYTHON;
    static final FilterOption MEMORY_MB = PythonFilterProvider.MEMORY_MB;
    static final FilterOption ISOLATION = PythonFilterProvider.ISOLATION;
    private static final List<FilterOption> OPTIONS = List.of(DATASET, MIN_TIME_LIMIT, TIME_LIMIT_FACTOR, TEST_DETAILS,
            PYTHON, MEMORY_MB, ISOLATION);

    private final GroundTruthStore store;
    private final ScorerEvents events;
    private final Map<String, EvalplusDataset> datasets = new ConcurrentHashMap<>();

    public EvalplusFilterProvider(GroundTruthStore store, ScorerEvents events) {
        this.store = store;
        this.events = events;
    }

    @Override
    public String name() {
        return "evalplus";
    }

    @Override
    public String description() {
        return "checks each Python solution on HumanEval+'s base and plus inputs against the reference solution's "
                + "outputs, as evalplus does";
    }

    /** Bump with any change that can turn a verdict into another: stored results are then not reused. */
    @Override
    public String version() {
        return "1";
    }

    @Override
    public String runtime(FilterSpec spec) {
        return PythonProbe.runtime(PYTHON.text(spec));
    }

    @Override
    public List<FilterOption> options() {
        return OPTIONS;
    }

    @Override
    public void validate(FilterSpec spec) {
        dataset(spec);
    }

    /** Every problem of the input must be in the dataset: a sample of another would have nothing to run on. */
    @Override
    public void preflight(FilterSpec spec, Supplier<List<Sample>> problems) {
        EvalplusDataset dataset = dataset(spec);
        TreeSet<String> missing = new TreeSet<>();
        for (Sample problem : problems.get()) {
            if (dataset.find(problem.docId()).isEmpty()) {
                missing.add(problem.docId());
            }
        }
        if (!missing.isEmpty()) {
            List<String> shown = new ArrayList<>(missing).subList(0, Math.min(5, missing.size()));
            throw spec.invalid("dataset", missing.size() + " task(s) of the input are not in " + dataset.source()
                    + " (" + String.join(", ", shown) + (missing.size() > 5 ? ", ..." : "") + ")");
        }
    }

    @Override
    public SimulationFilter create(FilterSpec spec) {
        EvalplusDataset dataset = dataset(spec);
        String python = PythonProbe.executable(PYTHON.text(spec));
        double minimum = MIN_TIME_LIMIT.number(spec);
        double factor = TIME_LIMIT_FACTOR.number(spec);
        // The per-input limits are the checks' own; the settings' timeout is only the default of requests.
        SandboxSettings settings = new SandboxSettings(python, "0", 61, 245, MEMORY_MB.integer(spec), 64, 64,
                ISOLATION.text(spec), preload());
        SandboxPool sandboxes = new SandboxPool(python, settings, () -> events.scorerStarted(name()));
        try {
            sandboxes.probe();
        } catch (SandboxFailure e) {
            sandboxes.close();
            throw new ScoringUnavailableException("the Python sandbox cannot start: " + e.getMessage());
        }
        GroundTruths truths = new GroundTruths(sandboxes, python, store, version() + " " + runtime(spec),
                Machine.describe());
        return new EvalplusFilter(dataset, sandboxes, truths, new CheckProgram(minimum, factor,
                !TEST_DETAILS.flag(spec)), events);
    }

    /** What the checks import, imported once by the warm interpreter rather than by every check. */
    private static List<String> preload() {
        List<String> modules = new ArrayList<>(SandboxSettings.DEFAULT_PRELOAD);
        modules.addAll(List.of("json", "copy"));
        return modules;
    }

    /**
     * The job's dataset, read once for validate, preflight and create (about a second each): kept
     * by name, and for a file by its size and time too, so that an edited file is read again.
     */
    private EvalplusDataset dataset(FilterSpec spec) {
        String name = DATASET.text(spec);
        String key = name;
        if (!InputSpec.BUNDLED_PROBLEMS.containsKey(name)) {
            java.io.File file = new java.io.File(name);
            key = name + " " + file.length() + " " + file.lastModified();
        }
        try {
            return datasets.computeIfAbsent(key, k -> EvalplusDataset.load(name));
        } catch (IllegalArgumentException e) {
            throw spec.invalid("dataset", String.valueOf(e.getMessage()));
        }
    }
}
