package io.evalbatch.filter.judge;

import java.time.Duration;

/**
 * What the judge filter sends and where, read from the job's options and the environment.
 *
 * @param baseUrl    the endpoint's base URL, up to and including {@code /v1}
 * @param apiKey     the key, from the environment variable the job names; never stored or logged
 * @param budget     the run's requests and tokens per minute and requests in flight
 * @param maxRetries retries of a request that failed for a reason worth retrying (429, 5xx, a dropped
 *                   connection)
 * @param backoff    the wait before the first retry, doubled (with jitter) before each next one
 * @param parameters further request parameters, sent as they are (top_p, seed, response_format, ...)
 */
record JudgeSettings(String baseUrl, String apiKey, String model, double temperature, int maxTokens,
                     Duration timeout, JudgeBudget budget, int maxRetries, Duration backoff,
                     java.util.Map<String, Object> parameters) {

    /** What is shown of these settings: everything but the key. */
    @Override
    public String toString() {
        return "judge " + model + " at " + baseUrl + " (temperature " + temperature + ", max_tokens " + maxTokens + ")";
    }
}
