package io.evalbatch.metrics;

import java.util.List;

/**
 * One document's values of a named result field.
 *
 * @param numbers how many of its samples have a numeric value
 * @param sum     the sum of those values
 * @param texts   every sample's value as text (null where absent), in repeat order; empty when no
 *                metric compares the field with the target
 */
record FieldValues(int numbers, double sum, List<String> texts) {
}
