package io.evalbatch.filter.judge;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FastChat's reading of a single-grading verdict ({@code output_format: "[[rating]]"}): the first
 * number in double brackets, {@code [[8]]} or {@code [[8.5]]}; failing that, the first in single
 * brackets, {@code [8]}. A reply with neither has no rating: FastChat records -1 and its
 * {@code show_result} leaves it out, which is what an empty rating means here.
 */
public final class RatingRule {

    private static final Pattern DOUBLE = Pattern.compile("\\[\\[(\\d+\\.?\\d*)\\]\\]");
    private static final Pattern SINGLE = Pattern.compile("\\[(\\d+\\.?\\d*)\\]");

    private RatingRule() {
    }

    /** FastChat's rule as a verdict: the rating is the score and field {@code rating}. */
    static VerdictRule verdicts() {
        return reply -> fastChat(reply).map(r -> new Verdict(java.util.OptionalDouble.of(r), java.util.Map.of("rating", r)))
                .orElseGet(Verdict::unrated);
    }

    public static Optional<Double> fastChat(String reply) {
        Matcher match = DOUBLE.matcher(reply);
        if (!match.find()) {
            match = SINGLE.matcher(reply);
            if (!match.find()) {
                return Optional.empty();
            }
        }
        // Python's literal_eval of "8" or "8.5": the number as written.
        return Optional.of(new BigDecimal(match.group(1)).doubleValue());
    }
}
