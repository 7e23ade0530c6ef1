package io.evalbatch.web;

import java.util.List;

import io.evalbatch.metrics.MetricDifference;

/**
 * Two runs (or one task of each) compared, as the compare page, its JSON and the report show it.
 *
 * @param taskA null when every task is paired with its namesake
 */
public record ComparePage(String a, String b, String taskA, String taskB, List<MetricDifference> differences,
                          List<FlippedDocument> flipped) {
}
