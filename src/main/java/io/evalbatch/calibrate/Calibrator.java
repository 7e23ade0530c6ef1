package io.evalbatch.calibrate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.evalbatch.cache.ResultKeys;
import io.evalbatch.definition.FilterSpec;
import io.evalbatch.definition.JobDefinition;
import io.evalbatch.filter.CalibratedTimeout;
import io.evalbatch.filter.Machine;
import io.evalbatch.filter.FilterCatalog;
import io.evalbatch.filter.FilterResult;
import io.evalbatch.filter.Outcome;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.SimulationFilter;
import io.evalbatch.ingest.CanonicalSolutions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives each problem its calibrated CPU limit: runs the problem's reference solution through the
 * job's own filter, as a response, {@value #MEASUREMENTS} times, and takes the median CPU time t;
 * the limit is {@code max(minimum, factor × t)}. A measurement is stored per problem content,
 * filter runtime and machine, so each problem is measured once per machine.
 */
@Component
public class Calibrator {

    static final int MEASUREMENTS = 3;

    private static final Logger log = LoggerFactory.getLogger(Calibrator.class);

    private final FilterCatalog filters;
    private final CalibrationStore store;

    Calibrator(FilterCatalog filters, CalibrationStore store) {
        this.filters = filters;
        this.store = store;
    }

    /** The calibrated timeout the job asks for, if any. */
    public Optional<CalibratedTimeout> timeout(JobDefinition definition) {
        return filters.calibratedTimeout(definition.filter());
    }

    /**
     * @param problems one sample of each problem (task and document), whose prompt and tests are
     *                 the problem's
     */
    public List<ProblemLimit> calibrate(JobDefinition definition, List<Sample> problems) {
        CalibratedTimeout timeout = timeout(definition).orElseThrow(
                () -> new IllegalArgumentException("the job's filter has no calibrated timeout"));
        FilterSpec measuring = measuringSpec(definition.filter());
        String runtime = filters.version(measuring);
        ResultKeys keys = new ResultKeys(measuring, runtime);
        String machine = Machine.describe();
        CanonicalSolutions canonical = new CanonicalSolutions(definition.input(), JsonMapper.builder().build());
        List<ProblemLimit> limits = new ArrayList<>(problems.size());
        int measured = 0;
        SimulationFilter filter = null;
        try {
            for (Sample problem : problems) {
                Optional<String> solution = canonical.response(problem);
                if (solution.isEmpty()) {
                    limits.add(fallback(problem, timeout, "no reference solution"));
                    continue;
                }
                Sample reference = problem.answeredBy(solution.get());
                String hash = keys.of(reference);
                Optional<CalibrationStore.Measurement> stored = store.find(hash, runtime, machine);
                CalibrationStore.Measurement measurement;
                String source;
                if (stored.isPresent()) {
                    measurement = stored.get();
                    source = "stored";
                } else {
                    if (filter == null) {
                        filter = filters.create(measuring);
                    }
                    measurement = measure(filter, reference);
                    store.save(hash, runtime, machine, problem, measurement.outcome(), measurement.cpuMs());
                    measured++;
                    source = "measured";
                }
                limits.add(measurement.cpuMs() == null
                        ? fallback(problem, timeout, "reference solution " + measurement.outcome())
                        : new ProblemLimit(problem.task(), problem.docId(), measurement.cpuMs(),
                                timeout.limitMillis(measurement.cpuMs()), source));
            }
        } finally {
            if (filter != null) {
                filter.close();
            }
        }
        long fallbacks = limits.stream().filter(l -> l.canonicalCpuMs() == null).count();
        log.info("calibrated the CPU limits of {} problems on {}: {} measured now, {} with the fallback of {} s",
                limits.size(), machine, measured, fallbacks, timeout.fallbackSeconds());
        return limits;
    }

    /** The median CPU time of the runs, if every one passed. */
    private static CalibrationStore.Measurement measure(SimulationFilter filter, Sample reference) {
        long[] cpu = new long[MEASUREMENTS];
        for (int i = 0; i < MEASUREMENTS; i++) {
            FilterResult result = filter.evaluate(reference);
            if (result.outcome() != Outcome.PASSED || result.cpu() == null) {
                log.warn("the reference solution of {} {} did not pass ({}): its samples get the fallback limit",
                        reference.task(), reference.docId(), result.detail());
                return new CalibrationStore.Measurement(result.outcome().key(), null);
            }
            cpu[i] = result.cpu().usedMillis();
        }
        Arrays.sort(cpu);
        return new CalibrationStore.Measurement(Outcome.PASSED.key(), cpu[MEASUREMENTS / 2]);
    }

    private static ProblemLimit fallback(Sample problem, CalibratedTimeout timeout, String why) {
        return new ProblemLimit(problem.task(), problem.docId(), null, timeout.fallbackMillis(), why);
    }

    /** The job's filter with a fixed, generous limit: what a reference solution needs is measured, not bounded. */
    private static FilterSpec measuringSpec(FilterSpec spec) {
        Map<String, Object> options = new LinkedHashMap<>(spec.options());
        options.put("timeout", CalibratedTimeout.MEASURING_LIMIT_SECONDS);
        options.remove("wall-timeout");
        return spec.withOptions(options);
    }
}
