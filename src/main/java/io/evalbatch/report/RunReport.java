package io.evalbatch.report;

import java.util.List;
import java.util.Map;

import io.evalbatch.cost.TokenUsage;
import io.evalbatch.ingest.InvalidInputLine;
import io.evalbatch.metrics.MetricRow;
import io.evalbatch.report.NearLimitCount;

/**
 * Everything {@code run}, {@code restart} and {@code results} print about a run.
 *
 * @param errors      why the run did not complete; empty when it did
 * @param stepSeconds time spent per step, over all executions of the run
 * @param invalidLines input lines skipped as invalid ({@code input.max-invalid})
 * @param nearLimit    per task, the outcomes near the CPU limit
 * @param usage        per task, the tokens the run paid for and their cost (a judge's); empty when none
 */
public record RunReport(String runId, String status, List<MetricRow> metrics, List<String> errors,
                        Map<String, Double> stepSeconds, List<InvalidInputLine> invalidLines,
                        List<NearLimitCount> nearLimit, List<TokenUsage> usage) {
}
