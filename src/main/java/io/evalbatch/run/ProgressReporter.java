package io.evalbatch.run;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
    private boolean printedLive;

    ProgressReporter(String runId, RunStore runs, boolean live, PrintStream terminal, Duration interval) {
        this.runId = runId;
        this.runs = runs;
        this.live = live;
        this.terminal = terminal;
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
            long results = runs.resultCount(runId);
            String line = line(samples, results);
            if (live) {
                terminal.print("\r" + line + "\u001b[K");
                terminal.flush();
                printedLive = true;
            } else {
                log.info("run {}: {}", runId, line);
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

    private String line(long samples, long results) {
        if (results == 0) {
            return "ingested %d samples, scoring...".formatted(samples);
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double rate = (results - firstResults) / Math.max(seconds, 1e-3);
        String eta = rate > 0 ? format(Duration.ofSeconds((long) ((samples - results) / rate))) : "?";
        return "scored %d/%d (%.0f%%), %.1f samples/s, ETA %s".formatted(results, samples,
                100.0 * results / Math.max(samples, 1), rate, eta);
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
