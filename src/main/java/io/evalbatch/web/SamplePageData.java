package io.evalbatch.web;

import java.util.List;

import io.evalbatch.report.SampleDetail;

/**
 * One sample as its page shows it.
 *
 * @param program  the program or request the filter ran for it; null when the filter cannot say
 * @param siblings the samples of the same document
 */
public record SamplePageData(String runId, SampleDetail detail, String filter, String program,
                             List<SampleRow> siblings) {
}
