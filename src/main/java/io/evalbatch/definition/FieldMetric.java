package io.evalbatch.definition;

import org.jspecify.annotations.Nullable;

/**
 * A metric over a named field that a filter returned with each result.
 *
 * @param field     the field's name
 * @param aggregate how a document's values become its value
 * @param k         samples voting, for {@link Aggregate#MAJORITY}; 0 otherwise
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
        MAJORITY("maj@k");

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

    /** Reads "mean", "sum", "exact-match" or "maj@K"; null when it is none of them. */
    public static @Nullable FieldMetric parse(String field, String aggregate) {
        if (aggregate.matches("maj@[1-9][0-9]{0,5}")) {
            return new FieldMetric(field, Aggregate.MAJORITY, Integer.parseInt(aggregate.substring(4)));
        }
        for (Aggregate a : Aggregate.values()) {
            if (a != Aggregate.MAJORITY && a.key.equals(aggregate)) {
                return new FieldMetric(field, a, 0);
            }
        }
        return null;
    }

    /** As written in a job definition: "mean", "maj@4". */
    public String aggregateKey() {
        return aggregate == Aggregate.MAJORITY ? "maj@" + k : aggregate.key();
    }

    /** As stored in {@code metric.metric}: "cost:mean", "answer:exact_match", "answer:maj@4". */
    public String name() {
        return field + ":" + switch (aggregate) {
            case MEAN -> "mean";
            case SUM -> "sum";
            case EXACT_MATCH -> "exact_match";
            case MAJORITY -> "maj@" + k;
        };
    }
}
