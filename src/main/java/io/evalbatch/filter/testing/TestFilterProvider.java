package io.evalbatch.filter.testing;

import java.util.HashSet;
import java.util.Set;

import io.evalbatch.definition.FilterSpec;
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

    @Override
    public Set<String> options() {
        return Set.of("pass-rate", "latency-ms", "abort-at", "cache");
    }

    @Override
    public void validate(FilterSpec spec) {
        double passRate = spec.number("pass-rate", 0.5);
        if (passRate < 0 || passRate > 1) {
            throw spec.invalid("pass-rate", "must be between 0 and 1");
        }
        if (spec.number("latency-ms", 0) < 0) {
            throw spec.invalid("latency-ms", "must not be negative");
        }
        spec.integers("abort-at");
        spec.flag("cache", false);
    }

    @Override
    public boolean cacheable(FilterSpec spec) {
        return spec.flag("cache", false);
    }

    @Override
    public SimulationFilter create(FilterSpec spec) {
        return new DeterministicTestFilter(spec.number("pass-rate", 0.5), (long) spec.number("latency-ms", 0),
                new HashSet<>(spec.integers("abort-at")), ledger);
    }

    public TestFilterLedger ledger() {
        return ledger;
    }
}
