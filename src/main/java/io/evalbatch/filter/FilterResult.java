package io.evalbatch.filter;

import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * What a simulation filter says of one sample.
 *
 * @param score  1.0 for passed and 0.0 otherwise, unless the filter grades partially
 * @param answer the answer extracted from the response, as compared, for exact match and majority
 *               vote; null for filters that extract none
 * @param detail human-readable reason, such as the exception a failed test raised
 * @param fields named numbers ({@link Number}) and texts ({@link String}) computed with the outcome,
 *               which metrics can aggregate; empty for filters that return none
 * @param cpu    the CPU time the sample used and was allowed; null for filters that do not
 *               measure it, such as external simulators
 */
@io.evalbatch.plugin.Api
public record FilterResult(Outcome outcome, double score, @Nullable String answer, @Nullable String detail,
                           Map<String, Object> fields, @Nullable CpuTime cpu) {

    /** The field an error's {@link ErrorCause} is stored in. */
    public static final String ERROR_FIELD = "error";

    public FilterResult {
        fields = java.util.Collections.unmodifiableMap(new TreeMap<>(fields));
    }

    public FilterResult(Outcome outcome, double score, @Nullable String answer, @Nullable String detail,
                        Map<String, Object> fields) {
        this(outcome, score, answer, detail, fields, null);
    }

    public FilterResult(Outcome outcome, double score, @Nullable String answer, @Nullable String detail) {
        this(outcome, score, answer, detail, Map.of());
    }

    /** This result with more fields (replacing any of the same name). */
    public FilterResult withFields(Map<String, Object> more) {
        Map<String, Object> merged = new TreeMap<>(fields);
        merged.putAll(more);
        return new FilterResult(outcome, score, answer, detail, merged, cpu);
    }

    /** This result with the CPU time its sample used and was allowed. */
    public FilterResult withCpu(CpuTime time) {
        return new FilterResult(outcome, score, answer, detail, fields, time);
    }

    public static FilterResult passed(@Nullable String detail) {
        return new FilterResult(Outcome.PASSED, 1.0, null, detail);
    }

    public static FilterResult failed(@Nullable String detail) {
        return new FilterResult(Outcome.FAILED, 0.0, null, detail);
    }

    public static FilterResult timedOut(@Nullable String detail) {
        return new FilterResult(Outcome.TIMED_OUT, 0.0, null, detail);
    }

    /** A judge's verdict without a rating: left out of every metric, counted on its own. */
    public static FilterResult unrated(@Nullable String detail, Map<String, Object> fields) {
        return new FilterResult(Outcome.UNRATED, 0.0, null, detail, fields);
    }

    /** The scorer's failure, not the answer's: left out of every metric, the run ends FAILED unless allowed. */
    public static FilterResult error(ErrorCause cause, @Nullable String detail) {
        return new FilterResult(Outcome.ERROR, 0.0, null, detail, Map.of(ERROR_FIELD, cause.key()));
    }

    /** The error's cause, when the result is an error that names one. */
    public java.util.Optional<String> errorCause() {
        return outcome == Outcome.ERROR && fields.get(ERROR_FIELD) instanceof String cause
                ? java.util.Optional.of(cause) : java.util.Optional.empty();
    }
}
