package io.evalbatch.filter.judge;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.evalbatch.filter.Numbers;

/**
 * What an endpoint says of its rate limits in the headers of an answer: how long to wait after a
 * 429 ({@code Retry-After}, {@code retry-after-ms}) and OpenAI's {@code x-ratelimit-*} headers
 * (the limit per minute, what is left of it and when it is whole again), for requests and tokens.
 * A header that is absent or unreadable is empty: the endpoint's word is a help, never required.
 */
record RateLimitHeaders(Optional<Duration> retryAfter, OptionalLong requestLimit, OptionalLong requestsRemaining,
                        Optional<Duration> requestsReset, OptionalLong tokenLimit, OptionalLong tokensRemaining,
                        Optional<Duration> tokensReset) {

    static final RateLimitHeaders NONE = new RateLimitHeaders(Optional.empty(), OptionalLong.empty(),
            OptionalLong.empty(), Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty());

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    /** Reads the headers through {@code values}, which gives a header's values by name. */
    static RateLimitHeaders read(Function<String, List<String>> values, Instant now) {
        Optional<Duration> retryAfter = first(values, "retry-after-ms").flatMap(RateLimitHeaders::millis)
                .or(() -> first(values, "retry-after").flatMap(v -> retryAfter(v, now)));
        return new RateLimitHeaders(retryAfter, count(values, "x-ratelimit-limit-requests"),
                count(values, "x-ratelimit-remaining-requests"),
                first(values, "x-ratelimit-reset-requests").flatMap(RateLimitHeaders::duration),
                count(values, "x-ratelimit-limit-tokens"), count(values, "x-ratelimit-remaining-tokens"),
                first(values, "x-ratelimit-reset-tokens").flatMap(RateLimitHeaders::duration));
    }

    /**
     * How long the endpoint asks to be left alone: its Retry-After, or, when the budget of requests
     * or tokens is spent, the time until it is whole again.
     */
    Optional<Duration> wait(boolean refused) {
        if (refused && retryAfter.isPresent()) {
            return retryAfter;
        }
        Optional<Duration> requests = spent(requestsRemaining) ? requestsReset : Optional.empty();
        Optional<Duration> tokens = spent(tokensRemaining) ? tokensReset : Optional.empty();
        if (requests.isPresent() && tokens.isPresent()) {
            return Optional.of(requests.get().compareTo(tokens.get()) >= 0 ? requests.get() : tokens.get());
        }
        return requests.or(() -> tokens).or(() -> refused ? retryAfter : Optional.empty());
    }

    private static boolean spent(OptionalLong remaining) {
        return remaining.isPresent() && remaining.getAsLong() <= 0;
    }

    /** OpenAI's durations: {@code 1s}, {@code 6m0s}, {@code 20ms}, {@code 1h2m3.5s}. */
    static Optional<Duration> duration(String text) {
        String value = text.strip();
        Matcher part = PART.matcher(value);
        double millis = 0;
        int end = 0;
        while (part.find() && part.start() == end) {
            double amount = Double.parseDouble(part.group(1));
            millis += amount * switch (part.group(2)) {
                case "h" -> 3_600_000;
                case "m" -> 60_000;
                case "s" -> 1_000;
                default -> 1;
            };
            end = part.end();
        }
        return end == value.length() && end > 0 ? Optional.of(Duration.ofMillis(Math.round(millis))) : Optional.empty();
    }

    /** Retry-After: seconds, or an HTTP date. */
    static Optional<Duration> retryAfter(String text, Instant now) {
        String value = text.strip();
        OptionalDouble seconds = Numbers.finite(value);
        if (seconds.isPresent()) {
            return nonNegativeMillis(seconds.getAsDouble() * 1000);
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> millis(String text) {
        OptionalDouble millis = Numbers.finite(text);
        return millis.isPresent() ? nonNegativeMillis(millis.getAsDouble()) : Optional.empty();
    }

    private static Optional<Duration> nonNegativeMillis(double millis) {
        return millis >= 0 ? Optional.of(Duration.ofMillis(Math.round(millis))) : Optional.empty();
    }

    private static OptionalLong count(Function<String, List<String>> values, String name) {
        Optional<String> value = first(values, name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long count = Long.parseLong(value.get().strip());
            return count >= 0 ? OptionalLong.of(count) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static Optional<String> first(Function<String, List<String>> values, String name) {
        List<String> found = values.apply(name);
        return found == null || found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }
}
