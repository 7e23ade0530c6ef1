package io.evalbatch.web;

import java.util.List;
import java.util.Map;

import io.evalbatch.ingest.InvalidInputLine;
import io.evalbatch.metrics.MetricRow;
import io.evalbatch.report.RunOverview;

/**
 * Everything the run page shows, for the page, its JSON and the report file alike.
 *
 * @param definition the job definition as the run was created (JSON, indented)
 * @param reused     results taken over from earlier runs instead of computed
 */
public record RunPage(RunOverview run, List<MetricRow> metrics, List<OutcomeCount> outcomes,
                      List<DurationBucket> durations, Map<String, Double> stepSeconds, List<InvalidInputLine> invalidLines,
                      String filter, String definition, long reused) {

    /** Samples the scorer could not score (outcome error): left out of every metric on the page. */
    public long scorerErrors() {
        return outcomes.stream().filter(o -> o.outcome().equals("error")).mapToLong(OutcomeCount::samples).sum();
    }
}
