package io.evalbatch.filter.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

import io.evalbatch.filter.FilterResult;
import io.evalbatch.filter.Sample;
import io.evalbatch.filter.ScoringUnavailableException;
import io.evalbatch.filter.SimulationFilter;

/**
 * A filter for testing evalbatch itself: whether a sample passes is a pure function of its task,
 * document and response, it can take a fixed time per sample, and it can make the run fail at
 * chosen samples.
 */
final class DeterministicTestFilter implements SimulationFilter {

    private final double passRate;
    private final long latencyMillis;
    private final Set<Long> abortAt;
    private final TestFilterLedger ledger;

    DeterministicTestFilter(double passRate, long latencyMillis, Set<Long> abortAt, TestFilterLedger ledger) {
        this.passRate = passRate;
        this.latencyMillis = latencyMillis;
        this.abortAt = abortAt;
        this.ledger = ledger;
    }

    @Override
    public FilterResult evaluate(Sample sample) {
        ledger.scored(sample.runId());
        if (abortAt.contains(sample.sampleId()) && ledger.firstAbort(sample.runId(), sample.sampleId())) {
            throw new ScoringUnavailableException("test filter: injected failure at sample " + sample.sampleId());
        }
        if (latencyMillis > 0) {
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScoringUnavailableException("test filter interrupted");
            }
        }
        double draw = draw(sample.task() + "\n" + sample.docId() + "\n" + sample.response());
        return draw < passRate ? FilterResult.passed("draw " + draw) : FilterResult.failed("draw " + draw);
    }

    /** A number in [0, 1) that depends only on the text. */
    static double draw(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long bits = 0;
            for (int i = 0; i < 7; i++) {
                bits = (bits << 8) | (hash[i] & 0xff);
            }
            return (double) bits / (1L << 56);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
