package io.evalbatch.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import io.evalbatch.report.NearLimitCount;

/**
 * The sentence that warns of outcomes near the CPU limit, as {@code run} ends and under the
 * {@code results} table: the same words in both places.
 */
public final class NearLimitSentence {

    private NearLimitSentence() {
    }

    /** Empty when no outcome of the run is near its limit. */
    public static String of(String runId, List<NearLimitCount> counts) {
        long near = counts.stream().mapToLong(NearLimitCount::nearLimit).sum();
        if (near == 0) {
            return "";
        }
        return near + (near == 1 ? " outcome is" : " outcomes are") + " within 2x of " + limits(counts)
                + " or timed out: " + (near == 1 ? "it" : "they") + " may differ on a faster or slower machine; "
                + "see evalbatch results " + runId + " --samples --near-limit";
    }

    private static String limits(List<NearLimitCount> counts) {
        List<Long> lows = counts.stream().map(NearLimitCount::minLimitMillis).filter(Objects::nonNull).toList();
        List<Long> highs = counts.stream().map(NearLimitCount::maxLimitMillis).filter(Objects::nonNull).toList();
        if (lows.isEmpty()) {
            return "their time limit";
        }
        long low = lows.stream().mapToLong(Long::longValue).min().orElseThrow();
        long high = highs.stream().mapToLong(Long::longValue).max().orElseThrow();
        return low == high ? "the " + seconds(low) + " s CPU limit"
                : "their CPU limits (" + seconds(low) + " to " + seconds(high) + " s)";
    }

    /** 3000 as "3.0", 384 as "0.384". */
    static String seconds(long millis) {
        BigDecimal seconds = BigDecimal.valueOf(millis, 3).stripTrailingZeros();
        return (seconds.scale() < 1 ? seconds.setScale(1) : seconds).toPlainString();
    }
}
