package io.evalbatch.definition;

import org.jspecify.annotations.Nullable;

/**
 * A metric over a named field that a filter returned with each result.
 *
 * @param field     the field's name
 * @param aggregate how a document's values become its value
 * @param k         samples voting, for {@link Aggregate#MAJORITY}; samples drawn, for {@link Aggregate#PASS_AT_K};
 *                  0 otherwise
 */
public record FieldMetric(String field, Aggregate aggregate, int k) {

    public enum Aggregate {
        /** Mean of the document's numeric values. */
        MEAN("mean"),
        /** Sum of the document's numeric values. */
        SUM("sum"),
        /** Fraction of the document's samples whose value equals the target. */
        EXACT_MATCH("exact-match"),
        /** Whether the most frequent value among the first k samples equals the target. */
        MAJORITY("maj@k"),
        /**
         * pass@k with the samples whose value is 1 as the passing ones: for a filter that gives
         * several verdicts per sample, such as evalplus's base and plus.
         */
        PASS_AT_K("pass@k");

        private final String key;

        Aggregate(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }

        /** Whether it compares texts with the target rather than adding numbers. */
        public boolean comparesWithTarget() {
            return this == EXACT_MATCH || this == MAJORITY;
        }
    }

    /** Reads "mean", "sum", "exact-match", "maj@K" or "pass@K"; null when it is none of them. */
    public static @Nullable FieldMetric parse(String field, String aggregate) {
        if (aggregate.matches("maj@[1-9][0-9]{0,5}")) {
            return new FieldMetric(field, Aggregate.MAJORITY, Integer.parseInt(aggregate.substring(4)));
        }
        if (aggregate.matches("pass@[1-9][0-9]{0,5}")) {
            return new FieldMetric(field, Aggregate.PASS_AT_K, Integer.parseInt(aggregate.substring(5)));
        }
        for (Aggregate a : Aggregate.values()) {
            if (a != Aggregate.MAJORITY && a != Aggregate.PASS_AT_K && a.key.equals(aggregate)) {
                return new FieldMetric(field, a, 0);
            }
        }
        return null;
    }

    /** As written in a job definition: "mean", "maj@4", "pass@10". */
    public String aggregateKey() {
        return switch (aggregate) {
            case MAJORITY -> "maj@" + k;
            case PASS_AT_K -> "pass@" + k;
            default -> aggregate.key();
        };
    }

    /** As stored in {@code metric.metric}: "cost:mean", "answer:exact_match", "answer:maj@4". */
    public String name() {
        return field + ":" + switch (aggregate) {
            case MEAN -> "mean";
            case SUM -> "sum";
            case EXACT_MATCH -> "exact_match";
            case MAJORITY -> "maj@" + k;
            case PASS_AT_K -> "pass@" + k;
        };
    }
}
