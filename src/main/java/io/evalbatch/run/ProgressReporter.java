package io.evalbatch.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.evalbatch.step.RunStore;
import io.evalbatch.telemetry.InFlightSamples;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows how far a run is while it runs: a live line with done/total, rate and ETA when standard
 * error is a terminal, a log line every so often otherwise. Counts come from the database, so they
 * include what earlier executions of the run committed.
 */
final class ProgressReporter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);

    private final String runId;
    private final RunStore runs;
    private final boolean live;
    private final PrintStream terminal;
    private final ScheduledExecutorService timer;
    private final long startNanos = System.nanoTime();
    private final long firstResults;
    private final InFlightSamples inFlight;
    private final Duration stuckAfter;
    private final java.util.function.Supplier<String> spend;
    private boolean printedLive;
    /** When the stuck line was last given: at most once per {@code stuckAfter}. */
    private long lastStuckNanos = System.nanoTime() - Long.MAX_VALUE / 2;

    /**
     * @param inFlight   the samples this process is scoring, named when none finished for
     *                   {@code stuckAfter}
     * @param spend      the tokens and money the run has spent, to follow the rate (a judge's); empty
     *                   for a filter that spends none
     */
    ProgressReporter(String runId, RunStore runs, boolean live, PrintStream terminal, Duration interval,
                     InFlightSamples inFlight, Duration stuckAfter, java.util.function.Supplier<String> spend) {
        this.spend = spend;
        this.runId = runId;
        this.runs = runs;
        this.live = live;
        this.terminal = terminal;
        this.inFlight = inFlight;
        this.stuckAfter = stuckAfter;
        this.firstResults = committedResults();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "progress");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::report, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void report() {
        try {
            long samples = runs.sampleCount(runId);
            long[] counts = runs.resultAndPassedCounts(runId);
            String line = line(samples, counts[0], counts[1]);
            if (live) {
                terminal.print("\r" + line + "\u001b[K");
                terminal.flush();
                printedLive = true;
            } else {
                log.info("run {}: {}", runId, line);
            }
            String stuck = stuck();
            if (stuck != null) {
                // Its own line, kept on a terminal too: it is what someone watching a slow run needs.
                if (live) {
                    terminal.print("\r\u001b[K");
                    terminal.flush();
                }
                log.warn("run {}: {}", runId, stuck);
            }
        } catch (RuntimeException e) {
            log.debug("progress not available: {}", e.getMessage());
        }
    }

    /** What earlier executions committed: the rate counts only this execution's work. */
    private long committedResults() {
        try {
            return runs.resultCount(runId);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private String line(long samples, long results, long passed) {
        if (results == 0) {
            return "ingested %d samples, scoring...".formatted(samples);
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double rate = (results - firstResults) / Math.max(seconds, 1e-3);
        String eta = rate > 0 ? format(Duration.ofSeconds((long) ((samples - results) / rate))) : "?";
        return "scored %d/%d (%.0f%%), %.1f%% passed, %.1f samples/s%s, ETA %s".formatted(results, samples,
                100.0 * results / Math.max(samples, 1), 100.0 * passed / results, rate, spend.get(), eta);
    }

    /**
     * "no sample finished in 20 s; running: HumanEval/129 (gpt4, 18 s), ..." when this process
     * scores samples of the run and none has finished for {@code stuckAfter}; else null.
     */
    private @Nullable String stuck() {
        Duration quiet = inFlight.sinceLastFinished();
        List<InFlightSamples.Running> oldest = inFlight.oldest(runId, 3);
        long now = System.nanoTime();
        if (oldest.isEmpty() || quiet.compareTo(stuckAfter) < 0 || now - lastStuckNanos < stuckAfter.toNanos()) {
            return null;
        }
        lastStuckNanos = now;
        return "no sample finished in " + quiet.toSeconds() + " s; running: " + oldest.stream()
                .map(r -> r.docId() + " (" + r.task() + (r.repeatIndex() == 0 ? "" : " #" + r.repeatIndex()) + ", "
                        + r.elapsed(now).toSeconds() + " s)")
                .collect(Collectors.joining(", "))
                + (inFlight.count(runId) > oldest.size() ? " and " + (inFlight.count(runId) - oldest.size()) + " more"
                : "");
    }

    private static String format(Duration d) {
        return d.toHours() > 0 ? "%d:%02d:%02d".formatted(d.toHours(), d.toMinutesPart(), d.toSecondsPart())
                : "%d:%02d".formatted(d.toMinutesPart(), d.toSecondsPart());
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (printedLive) {
            terminal.print("\r\u001b[K");
            terminal.flush();
        }
    }
}
