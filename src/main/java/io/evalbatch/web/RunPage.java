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

    /** Rows of a long table shown before "show all": a page of 1,000 tasks must still open at once. */
    public static final int SHOWN_ROWS = 60;

    public int shownRows() {
        return SHOWN_ROWS;
    }

    /** Each task's first metric (pass@1, say), with which the page opens. */
    public List<MetricRow> headlines() {
        Map<String, MetricRow> first = new java.util.LinkedHashMap<>();
        metrics.stream().filter(m -> m.scope().equals("task") && m.value() != null).forEach(m -> first.putIfAbsent(m.name(), m));
        return List.copyOf(first.values());
    }

    /** Samples the scorer could not score (outcome error): left out of every metric on the page. */
    public long scorerErrors() {
        return outcomes.stream().filter(o -> o.outcome().equals("error")).mapToLong(OutcomeCount::samples).sum();
    }
}
