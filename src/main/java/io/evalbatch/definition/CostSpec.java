package io.evalbatch.definition;

import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What the tokens a run's filter spends cost, and how much the run may spend ({@code cost:} in a
 * job). Prices are per million tokens, in whatever currency the job writes them in.
 *
 * @param prices per model, as the filter names it (a judge's {@code model})
 * @param max    the most the run may spend: it stops before a chunk that would spend more; null
 *               for no cap
 */
public record CostSpec(Map<String, Price> prices, @Nullable Double max) {

    public static final CostSpec NONE = new CostSpec(Map.of(), null);

    public CostSpec {
        prices = Map.copyOf(prices);
    }

    public Optional<Price> price(String model) {
        return Optional.ofNullable(prices.get(model));
    }

    public CostSpec withMax(@Nullable Double replacement) {
        return new CostSpec(prices, replacement);
    }

    /** The price of a million prompt tokens and of a million completion tokens. */
    public record Price(double prompt, double completion) {

        public double of(long promptTokens, long completionTokens) {
            return (promptTokens * prompt + completionTokens * completion) / 1_000_000.0;
        }
    }
}
