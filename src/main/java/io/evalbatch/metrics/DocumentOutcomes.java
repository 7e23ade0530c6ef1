package io.evalbatch.metrics;

import java.util.List;
import java.util.Map;

/**
 * What the stored results say of one document: n samples, c of them passed, their mean score (0
 * unless the {@code score} metric asks for it) and, for majority votes, each sample's answer and
 * whether it passed, in repeat order; and the values of the named fields metrics use.
 */
@io.evalbatch.plugin.Api
public record DocumentOutcomes(String runId, String task, String docId, int samples, int passed, double meanScore,
                        List<String> answers, List<Boolean> correct, Map<String, FieldValues> fields) {
}
