package io.evalbatch.filter.judge;

import java.time.Duration;
import java.time.Instant;

import com.openai.client.OpenAIClient;
import com.openai.core.http.Headers;
import com.openai.core.http.HttpResponseFor;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.evalbatch.filter.ScoringUnavailableException;
import io.github.resilience4j.core.IntervalFunction;

/**
 * One judgment asked of the endpoint through its {@link EndpointGate}, retried while the failure is
 * one that passes (429, 408, 409, 5xx, a timeout, a dropped connection) up to the job's limit, with
 * exponential backoff and jitter. A 429 holds every thread of the process for the time the endpoint
 * names; any answer teaches the gate the endpoint's own limits. What the SDK would retry on its own
 * is left to this class (the client is built without retries), so that the budget sees every try.
 */
final class JudgeCall {

    private final OpenAIClient client;
    private final EndpointGate gate;
    private final int maxRetries;
    private final IntervalFunction backoff;
    private final String endpoint;

    JudgeCall(OpenAIClient client, EndpointGate gate, int maxRetries, Duration backoff, String endpoint) {
        this.client = client;
        this.gate = gate;
        this.maxRetries = maxRetries;
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(Math.max(1, backoff.toMillis()), 2.0, 0.5,
                Math.max(backoff.toMillis(), 60_000));
        this.endpoint = endpoint;
    }

    /** The completion, or why there is none after every retry. */
    Answer ask(ChatCompletionCreateParams request, int tokenEstimate) {
        String last = "";
        for (int attempt = 1; attempt <= maxRetries + 1; attempt++) {
            try {
                gate.enter(tokenEstimate);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScoringUnavailableException("stopped while waiting for the judge endpoint " + endpoint);
            }
            Duration wait;
            int tries = Math.min(attempt, 20);
            try {
                HttpResponseFor<ChatCompletion> response = client.chat().completions().withRawResponse().create(request);
                RateLimitHeaders headers = headers(response.headers());
                gate.learn(headers);
                headers.wait(false).ifPresent(gate::pause);
                return new Answer(response.parse(), null);
            } catch (UnauthorizedException | PermissionDeniedException e) {
                throw new ScoringUnavailableException("the judge endpoint " + endpoint + " refused the key ("
                        + e.statusCode() + "): every judgment would fail");
            } catch (RateLimitException e) {
                if (e.code().filter("insufficient_quota"::equals).isPresent()) {
                    throw new ScoringUnavailableException("the judge endpoint " + endpoint + " says the account's "
                            + "quota is spent (429 insufficient_quota): restart once it is raised");
                }
                RateLimitHeaders headers = headers(e.headers());
                gate.learn(headers);
                wait = headers.wait(true).orElseGet(() -> Duration.ofMillis(backoff.apply(tries)));
                gate.pause(wait);
                last = "429 (rate limited)";
                wait = Duration.ZERO;
            } catch (OpenAIServiceException e) {
                if (!retried(e.statusCode())) {
                    return new Answer(null, "the judge endpoint refused the request (" + e.statusCode() + "): "
                            + e.getMessage());
                }
                last = "answered " + e.statusCode();
                wait = Duration.ofMillis(backoff.apply(tries));
            } catch (OpenAIIoException | OpenAIInvalidDataException e) {
                last = "did not answer (" + e.getMessage() + ")";
                wait = Duration.ofMillis(backoff.apply(tries));
            } finally {
                gate.done();
            }
            if (attempt <= maxRetries && !sleep(wait)) {
                throw new ScoringUnavailableException("stopped while waiting to retry the judge endpoint " + endpoint);
            }
        }
        return new Answer(null, "the judge endpoint " + last + (maxRetries > 0 ? ", and again on each of "
                + maxRetries + " retries" : ""));
    }

    /** Statuses a later try may not see: timeouts, conflicts, the server's own faults. */
    static boolean retried(int status) {
        return status == 408 || status == 409 || status >= 500;
    }

    private static RateLimitHeaders headers(Headers headers) {
        return RateLimitHeaders.read(headers::values, Instant.now());
    }

    private static boolean sleep(Duration wait) {
        if (wait.isZero() || wait.isNegative()) {
            return true;
        }
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A completion, or the reason there is none. */
    record Answer(@org.jspecify.annotations.Nullable ChatCompletion completion,
                  @org.jspecify.annotations.Nullable String failure) {
    }
}
