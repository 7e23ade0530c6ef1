package io.evalbatch.cost;

import org.jspecify.annotations.Nullable;

/**
 * The tokens a run paid for in one task (or, with task null, in all of them): results reused from
 * an earlier run cost nothing and are not counted.
 *
 * @param judgments results that spent tokens
 * @param cost      what they cost at the job's prices; null when the job gives no price
 */
public record TokenUsage(@Nullable String task, long judgments, long promptTokens, long completionTokens,
                         @Nullable Double cost) {

    public long tokens() {
        return promptTokens + completionTokens;
    }
}
