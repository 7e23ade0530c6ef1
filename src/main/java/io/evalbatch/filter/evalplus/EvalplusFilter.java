package io.evalbatch.filter.evalplus;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.evalbatch.filter.CpuTime;
import io.evalbatch.filter.ErrorCause;
import io.evalbatch.filter.FilterResult;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.ScorerEvents;
import io.evalbatch.filter.SimulationFilter;
import io.evalbatch.filter.sandbox.SandboxPool;
import io.evalbatch.filter.sandbox.TimeLimits;
import io.evalbatch.filter.sandbox.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks each sample as evalplus's {@code check_correctness} does: the solution (prompt + completion,
 * or evalplus's whole {@code solution}) on the base inputs, then on the plus inputs, each part in a
 * child of the warm sandbox of its own, as evalplus runs each part in a process of its own.
 */
final class EvalplusFilter implements SimulationFilter {

    private static final Logger log = LoggerFactory.getLogger(EvalplusFilter.class);
    private static final String NAME = "evalplus";

    private final EvalplusDataset dataset;
    private final SandboxPool sandboxes;
    private final GroundTruths truths;
    private final CheckProgram program;
    private final ScorerEvents events;
    private final JsonMapper json = JsonMapper.builder().build();

    /** @param events told of each sample retried on a new sandbox */
    EvalplusFilter(EvalplusDataset dataset, SandboxPool sandboxes, GroundTruths truths, CheckProgram program,
                   ScorerEvents events) {
        this.dataset = dataset;
        this.sandboxes = sandboxes;
        this.truths = truths;
        this.program = program;
        this.events = events;
    }

    @Override
    public FilterResult evaluate(Sample sample) {
        Optional<EvalplusProblem> found = dataset.find(sample.docId());
        if (found.isEmpty()) {
            return FilterResult.error(ErrorCause.INPUT, "task " + sample.docId() + " is not in " + dataset.source());
        }
        EvalplusProblem problem = found.get();
        GroundTruth truth;
        try {
            truth = truths.of(problem);
        } catch (IllegalStateException e) {
            return FilterResult.error(ErrorCause.FILTER, "no ground truth for " + problem.taskId() + ": " + e.getMessage());
        }
        String solution = sample.prompt() + sample.response();
        PartVerdict base = check(sample, problem, truth.base(), solution);
        PartVerdict plus = check(sample, problem, truth.plus(), solution);
        return result(base, plus, truth);
    }

    private PartVerdict check(Sample sample, EvalplusProblem problem, GroundTruth.Part part, String solution) {
        String source = program.render(problem, part, solution);
        double budget = program.budget(part);
        // The wall clock only catches programs that sleep or block: as generous as the python filter's.
        TimeLimits limits = new TimeLimits(budget, 4 * budget + 1);
        Verdict verdict = sandboxes.runRetried(source, limits, first -> {
            log.warn("sample {}: {}; trying once more in a new sandbox", sample.sampleId(), first.getMessage());
            events.sampleRetried(NAME);
        });
        return PartVerdict.of(verdict, part.inputs(), Math.round(1000 * budget), json);
    }

    private FilterResult result(PartVerdict base, PartVerdict plus, GroundTruth truth) {
        if (base.status().equals(PartVerdict.ERROR) || plus.status().equals(PartVerdict.ERROR)) {
            PartVerdict broken = base.status().equals(PartVerdict.ERROR) ? base : plus;
            return FilterResult.error(ErrorCause.SANDBOX, broken.detail());
        }
        String detail = "base: " + describe(base, truth.base()) + "\nplus: " + describe(plus, truth.plus());
        // evalplus's rule: a sample passes HumanEval+ only where it passes the base tests too.
        boolean passed = base.passed() && plus.passed();
        FilterResult result = passed ? FilterResult.passed(detail)
                : base.status().equals(PartVerdict.TIMEOUT) || plus.status().equals(PartVerdict.TIMEOUT)
                ? FilterResult.timedOut(detail) : FilterResult.failed(detail);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("base_status", base.status());
        fields.put("plus_status", plus.status());
        fields.put("base_passed", base.passed() ? 1 : 0);
        fields.put("plus_passed", passed ? 1 : 0);
        fields.put("base_fail_inputs", base.failed());
        fields.put("plus_fail_inputs", plus.failed());
        return result.withFields(fields).withCpu(new CpuTime(base.cpuMillis() + plus.cpuMillis(),
                base.cpuLimitMillis() + plus.cpuLimitMillis()));
    }

    private static String describe(PartVerdict verdict, GroundTruth.Part part) {
        return switch (verdict.status()) {
            case PartVerdict.PASS -> "pass (" + part.inputs() + " inputs)";
            case PartVerdict.TIMEOUT -> "timeout (" + verdict.detail() + ")";
            default -> "fail" + (verdict.detail() == null ? "" : ": " + verdict.detail());
        };
    }

    @Override
    public void close() {
        sandboxes.close();
    }
}
