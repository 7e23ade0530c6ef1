package io.evalbatch.telemetry;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * The samples this process is scoring right now and when the last one finished, so that the
 * progress line can name the samples a run waits on when nothing finishes for a while.
 */
@Component
public class InFlightSamples {

    /** A sample being scored, since {@code startNanos} (System.nanoTime). */
    public record Running(String runId, long sampleId, String task, String docId, int repeatIndex, long startNanos) {

        public Duration elapsed(long nowNanos) {
            return Duration.ofNanos(nowNanos - startNanos);
        }
    }

    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final AtomicLong lastFinishedNanos = new AtomicLong(System.nanoTime());

    public void started(String runId, long sampleId, String task, String docId, int repeatIndex) {
        running.put(runId + "/" + sampleId, new Running(runId, sampleId, task, docId, repeatIndex, System.nanoTime()));
    }

    public void finished(String runId, long sampleId) {
        running.remove(runId + "/" + sampleId);
        lastFinishedNanos.set(System.nanoTime());
    }

    public int count() {
        return running.size();
    }

    /** How long ago a sample last finished (or since this process started, if none has). */
    public Duration sinceLastFinished() {
        return Duration.ofNanos(System.nanoTime() - lastFinishedNanos.get());
    }

    public long count(String runId) {
        return running.values().stream().filter(r -> r.runId().equals(runId)).count();
    }

    /** The run's samples in flight, longest-running first. */
    public List<Running> oldest(String runId, int limit) {
        return running.values().stream().filter(r -> r.runId().equals(runId))
                .sorted(Comparator.comparingLong(Running::startNanos)).limit(limit).toList();
    }
}
