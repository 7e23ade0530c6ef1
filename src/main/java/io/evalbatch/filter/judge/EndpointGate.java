package io.evalbatch.filter.judge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import org.jspecify.annotations.Nullable;

/**
 * Everything a process asks of one judge endpoint and model passes here, whichever run and thread
 * asks: requests and tokens are paced to one budget, requests in flight are capped, and when the
 * endpoint says to wait (a 429's Retry-After, a spent x-ratelimit budget) every thread waits, not
 * only the one that was told.
 *
 * <p>The budget is the sum of the shares of the filters open on this endpoint, each its run's
 * budget times the part of the run's partitions it scores; once the endpoint's headers give its
 * own limit, the budget is never more than {@value #HEADROOM} of that, so requests that arrive
 * late and network jitter do not make a 429. Requests are paced evenly, not in bursts at the start
 * of each minute, so that no minute of the endpoint's counting sees more than the budget.
 */
final class EndpointGate {

    /** The part of an endpoint's own limit that is used once known. */
    static final double HEADROOM = 0.97;
    private static final Duration NO_TIMEOUT = Duration.ofDays(1);

    private final String name;
    private final List<JudgeBudget> shares = new ArrayList<>();
    private final Bulkhead inFlight;
    private final AtomicLong pausedUntil = new AtomicLong(System.nanoTime());
    private volatile @Nullable RateLimiter requests;
    private volatile @Nullable RateLimiter tokens;
    private double learnedRequests;
    private double learnedTokens;
    private double requestRate = -1;
    private double tokenRate = -1;

    EndpointGate(String name) {
        this.name = name;
        this.inFlight = Bulkhead.of(name, BulkheadConfig.custom().maxConcurrentCalls(1)
                .maxWaitDuration(NO_TIMEOUT).build());
    }

    /** Adds a filter's share of its run's budget until the registration is closed. */
    synchronized Registration open(JudgeBudget share) {
        shares.add(share);
        reshape();
        return () -> {
            synchronized (this) {
                shares.remove(share);
                reshape();
            }
        };
    }

    /**
     * Waits until a request of about {@code tokenEstimate} tokens may go: the endpoint's pause is
     * over, the request and token budgets allow it and a place in flight is free. Call
     * {@link #done()} once its answer is in.
     */
    void enter(int tokenEstimate) throws InterruptedException {
        while (true) {
            awaitPause();
            acquire(requests, 1);
            acquire(tokens, tokenEstimate);
            // A pause that began while this thread waited for its turn holds it too.
            if (System.nanoTime() - pausedUntil.get() >= 0) {
                break;
            }
        }
        inFlight.acquirePermission();
    }

    void done() {
        inFlight.onComplete();
    }

    /** Holds every request to this endpoint for {@code wait}, from now. */
    void pause(Duration wait) {
        long until = System.nanoTime() + wait.toNanos();
        pausedUntil.accumulateAndGet(until, (current, next) -> next - current > 0 ? next : current);
    }

    /** Takes the endpoint's own limits into the budget: the budget never exceeds them. */
    synchronized void learn(RateLimitHeaders headers) {
        double requestLimit = headers.requestLimit().isPresent() ? headers.requestLimit().getAsLong() : learnedRequests;
        double tokenLimit = headers.tokenLimit().isPresent() ? headers.tokenLimit().getAsLong() : learnedTokens;
        if (requestLimit != learnedRequests || tokenLimit != learnedTokens) {
            learnedRequests = requestLimit;
            learnedTokens = tokenLimit;
            reshape();
        }
    }

    /** Requests per minute this process sends at most now; infinite when nothing limits it. */
    synchronized double requestsPerMinute() {
        return requestRate <= 0 ? Double.POSITIVE_INFINITY : requestRate;
    }

    private void awaitPause() throws InterruptedException {
        long wait;
        while ((wait = pausedUntil.get() - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, wait);
            if (Thread.interrupted()) {
                throw new InterruptedException("waiting for the judge endpoint " + name);
            }
        }
    }

    private static void acquire(@Nullable RateLimiter limiter, int permits) throws InterruptedException {
        if (limiter == null) {
            return;
        }
        int needed = Math.max(1, permits);
        while (!limiter.acquirePermission(needed)) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("waiting for the judge endpoint's budget");
            }
        }
    }

    /** Builds the limiters anew when the budget changes; requests already paced keep their turn. */
    private void reshape() {
        double configuredRequests = sum(true);
        double configuredTokens = sum(false);
        double share = shares.isEmpty() ? 1 : Math.min(1, shares.stream().mapToDouble(JudgeBudget::fraction).sum());
        double newRequestRate = budget(configuredRequests, learnedRequests * HEADROOM * share);
        double newTokenRate = budget(configuredTokens, learnedTokens * HEADROOM * share);
        if (newRequestRate != requestRate) {
            requestRate = newRequestRate;
            // One request per slot of 60 s / rate: even pacing, no burst at a minute's start.
            requests = newRequestRate <= 0 ? null : RateLimiter.of(name + "-requests", RateLimiterConfig.custom()
                    .limitForPeriod(1).limitRefreshPeriod(Duration.ofNanos(Math.max(1,
                            Math.round(TimeUnit.MINUTES.toNanos(1) / newRequestRate))))
                    .timeoutDuration(NO_TIMEOUT).build());
        }
        if (newTokenRate != tokenRate) {
            tokenRate = newTokenRate;
            // A second's worth of tokens at a time; a larger request waits for several seconds.
            tokens = newTokenRate <= 0 ? null : RateLimiter.of(name + "-tokens", RateLimiterConfig.custom()
                    .limitForPeriod((int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.floor(newTokenRate / 60))))
                    .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(NO_TIMEOUT).build());
        }
        int cap = shares.stream().mapToInt(JudgeBudget::inFlight).sum();
        inFlight.changeConfig(BulkheadConfig.custom().maxConcurrentCalls(Math.max(1, cap))
                .maxWaitDuration(NO_TIMEOUT).build());
    }

    /** The smaller of two budgets, where 0 is none. */
    private static double budget(double configured, double learned) {
        if (configured <= 0) {
            return learned;
        }
        return learned <= 0 ? configured : Math.min(configured, learned);
    }

    /** The sum of the open shares' budgets of requests or tokens; 0 when any of them has none. */
    private double sum(boolean ofRequests) {
        double sum = 0;
        for (JudgeBudget share : shares) {
            double value = ofRequests ? share.requestsPerMinute() : share.tokensPerMinute();
            if (value <= 0) {
                return 0;
            }
            sum += value;
        }
        return sum;
    }

    /** Ends a filter's share of the budget. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
