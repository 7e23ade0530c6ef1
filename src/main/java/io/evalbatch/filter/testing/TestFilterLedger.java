package io.evalbatch.filter.testing;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the test filter did in this process, over all runs and restarts: how many samples it scored
 * per run, and which injected failures already fired (each fires once per process, so a restart in
 * the same process gets past it).
 */
public final class TestFilterLedger {

    private final Map<String, AtomicLong> scored = new ConcurrentHashMap<>();
    private final Set<String> aborted = ConcurrentHashMap.newKeySet();

    void scored(String runId) {
        scored.computeIfAbsent(runId, k -> new AtomicLong()).incrementAndGet();
    }

    boolean firstAbort(String runId, long sampleId) {
        return aborted.add(runId + "/" + sampleId);
    }

    /** Samples scored for the run in this process, across all its executions. */
    public long scoredCount(String runId) {
        AtomicLong count = scored.get(runId);
        return count == null ? 0 : count.get();
    }
}
