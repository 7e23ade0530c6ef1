package io.evalbatch.web;

/**
 * One line of the samples grid: the start of the response and of the detail only (a page never
 * carries a 10 MB response whole; the sample page fetches it on request).
 */
public record SampleRow(long sampleId, String task, String docId, int repeat, String outcome, Long durationMs,
                        Long cpuMs, String reusedFrom, String responseStart, String detailStart) {
}
