package io.evalbatch.filter.testing;

import java.util.HashSet;
import java.util.List;

import io.evalbatch.definition.FilterSpec;
import io.evalbatch.filter.FilterOption;
import io.evalbatch.filter.FilterProvider;
import io.evalbatch.filter.SimulationFilter;
import org.springframework.stereotype.Component;

/**
 * {@code filter: {name: test, pass-rate: 0.5, latency-ms: 0, abort-at: [17], cache: false}}: the
 * deterministic filter evalbatch's own tests and benchmarks use. It stands for an expensive
 * computation that benchmarks and crash tests must really repeat, so its results are reused by
 * later runs only with {@code cache: true}.
 */
@Component
public class TestFilterProvider implements FilterProvider {

    private final TestFilterLedger ledger = new TestFilterLedger();

    @Override
    public String name() {
        return "test";
    }

    /** Bump when the draw changes. */
    @Override
    public String version() {
        return "1";
    }

    static final FilterOption PASS_RATE = FilterOption.number("pass-rate", 0.5, 0, true, 1,
            "share of samples that pass: a sample passes when a SHA-256 of its task, document and response falls under it");
    static final FilterOption LATENCY_MS = FilterOption.integer("latency-ms", 0, 0, 3_600_000,
            "milliseconds each sample sleeps, as a slow scorer would");
    static final FilterOption ABORT_AT = FilterOption.integers("abort-at", "sample ids at which scoring fails the "
            + "first time in a process, failing the run as a broken scorer would");
    static final FilterOption CACHE = FilterOption.flag("cache", false, "whether later runs may reuse its results");
    private static final List<FilterOption> OPTIONS = List.of(PASS_RATE, LATENCY_MS, ABORT_AT, CACHE);

    @Override
    public String description() {
        return "deterministic outcomes, latency and failures on demand, for evalbatch's own tests and benchmarks";
    }

    @Override
    public List<FilterOption> options() {
        return OPTIONS;
    }

    @Override
    public void validate(FilterSpec spec) {
        PASS_RATE.number(spec);
        LATENCY_MS.integer(spec);
        ABORT_AT.integers(spec);
        CACHE.flag(spec);
    }

    @Override
    public boolean cacheable(FilterSpec spec) {
        return CACHE.flag(spec);
    }

    @Override
    public SimulationFilter create(FilterSpec spec) {
        return new DeterministicTestFilter(PASS_RATE.number(spec), LATENCY_MS.integer(spec),
                new HashSet<>(ABORT_AT.integers(spec)), ledger);
    }

    public TestFilterLedger ledger() {
        return ledger;
    }
}
