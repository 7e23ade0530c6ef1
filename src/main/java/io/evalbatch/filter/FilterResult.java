package io.evalbatch.filter;

/**
 * What a simulation filter says of one sample.
 *
 * @param score  1.0 for passed and 0.0 otherwise, unless the filter grades partially
 * @param answer the answer extracted from the response, as compared, for exact match and majority
 *               vote; null for filters that extract none
 * @param detail human-readable reason, such as the exception a failed test raised
 */
public record FilterResult(Outcome outcome, double score, String answer, String detail) {

    public static FilterResult passed(String detail) {
        return new FilterResult(Outcome.PASSED, 1.0, null, detail);
    }

    public static FilterResult failed(String detail) {
        return new FilterResult(Outcome.FAILED, 0.0, null, detail);
    }

    public static FilterResult timedOut(String detail) {
        return new FilterResult(Outcome.TIMED_OUT, 0.0, null, detail);
    }

    public static FilterResult error(String detail) {
        return new FilterResult(Outcome.ERROR, 0.0, null, detail);
    }
}
