package io.evalbatch.filter;

/**
 * Scoring itself is impossible right now (the scorer's machinery is broken, not the sample):
 * the run fails and a restart scores the sample again.
 */
public class ScoringUnavailableException extends RuntimeException {

    public ScoringUnavailableException(String message) {
        super(message);
    }
}
