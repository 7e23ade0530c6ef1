package io.evalbatch.filter.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** OpenAI's rate-limit headers as its documentation shows them, read into waits and limits. */
class RateLimitHeadersTest {

    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    @Test
    void openAisDurationsAreRead() {
        assertThat(RateLimitHeaders.duration("1s")).contains(Duration.ofSeconds(1));
        assertThat(RateLimitHeaders.duration("6m0s")).contains(Duration.ofMinutes(6));
        assertThat(RateLimitHeaders.duration("20ms")).contains(Duration.ofMillis(20));
        assertThat(RateLimitHeaders.duration("1h2m3.5s")).contains(Duration.ofMillis(3_723_500));
        assertThat(RateLimitHeaders.duration("soon")).isEmpty();
        assertThat(RateLimitHeaders.duration("5s later")).isEmpty();
    }

    @Test
    void retryAfterIsSecondsOrAnHttpDate() {
        assertThat(RateLimitHeaders.retryAfter("2", NOW)).contains(Duration.ofSeconds(2));
        assertThat(RateLimitHeaders.retryAfter("0.2", NOW)).contains(Duration.ofMillis(200));
        assertThat(RateLimitHeaders.retryAfter("Sun, 06 Dec 2026 12:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RateLimitHeaders.retryAfter("-1", NOW)).isEmpty();
        RateLimitHeaders both = read(Map.of("retry-after", "20", "retry-after-ms", "1500"));
        assertThat(both.retryAfter()).as("the finer one first, as OpenAI's SDKs read it").contains(Duration.ofMillis(1500));
    }

    @Test
    void aSpentBudgetWaitsForItsReset() {
        RateLimitHeaders spent = read(Map.of("x-ratelimit-limit-requests", "500", "x-ratelimit-remaining-requests", "0",
                "x-ratelimit-reset-requests", "120ms", "x-ratelimit-limit-tokens", "30000",
                "x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "6s"));
        assertThat(spent.requestLimit()).hasValue(500);
        assertThat(spent.tokenLimit()).hasValue(30000);
        assertThat(spent.wait(false)).as("the later of the two resets").contains(Duration.ofSeconds(6));

        RateLimitHeaders left = read(Map.of("x-ratelimit-remaining-requests", "3", "x-ratelimit-reset-requests", "1s"));
        assertThat(left.wait(false)).isEmpty();
        RateLimitHeaders refused = read(Map.of("retry-after", "4", "x-ratelimit-remaining-requests", "3"));
        assertThat(refused.wait(true)).contains(Duration.ofSeconds(4));
        assertThat(RateLimitHeaders.NONE.wait(true)).isEqualTo(Optional.empty());
    }

    private static RateLimitHeaders read(Map<String, String> headers) {
        return RateLimitHeaders.read(name -> headers.containsKey(name) ? List.of(headers.get(name)) : List.of(), NOW);
    }
}
