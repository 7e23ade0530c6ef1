package io.evalbatch.cost;

import java.util.Locale;

import org.springframework.batch.core.job.JobInterruptedException;

/** A run stopped before a chunk that would have taken its spend past its cap. */
public final class SpendLimitReached extends JobInterruptedException {

    SpendLimitReached(String runId, double max, double spent, double next) {
        super(String.format(Locale.ROOT, "run %s: %.4f spent, the next chunks would cost about %.4f, the cap is %.2f",
                runId, spent, next, max));
    }

    /** Why a run stopped at its cap, and how to go on: what {@code run} and {@code results} say. */
    public static String message(String runId, double max, TokenUsage spent) {
        return String.format(Locale.ROOT, "stopped before spending more than the cap of %.2f: %.4f spent on %d "
                        + "judgments; 'evalbatch restart %s --max-cost AMOUNT' goes on with a higher cap", max,
                spent.cost() == null ? 0 : spent.cost(), spent.judgments(), runId);
    }
}
