package io.evalbatch.metrics;

import java.util.List;

/**
 * One document's values of a named result field.
 *
 * @param numbers how many of its samples have a numeric value
 * @param sum     the sum of those values
 * @param ones    how many of them are 1: the passing samples, for pass@k of a 0/1 field
 * @param texts   every sample's value as text, trimmed (null where absent), in repeat order; empty
 *                when no metric compares the field with the target
 * @param matches for each of those, whether it equals the document's target, trimmed too (a
 *                missing value never does)
 */
@io.evalbatch.plugin.Api
public record FieldValues(int numbers, double sum, int ones, List<String> texts, List<Boolean> matches) {

    /** Texts as stored, compared once per document for every metric that reads them. */
    static FieldValues compared(int numbers, double sum, int ones, List<String> stored, String target) {
        String wanted = target == null ? null : target.strip();
        List<String> texts = stored.stream().map(t -> t == null ? null : t.strip()).toList();
        return new FieldValues(numbers, sum, ones, texts, texts.stream().map(t -> t != null && t.equals(wanted)).toList());
    }
}
