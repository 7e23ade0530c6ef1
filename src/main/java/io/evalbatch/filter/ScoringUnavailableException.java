package io.evalbatch.filter;

import io.evalbatch.error.EvalbatchException;
import io.evalbatch.error.ExitCodes;

/**
 * Scoring itself is impossible right now (the scorer's machinery is broken, not the sample):
 * the run fails and a restart scores the sample again.
 */
@io.evalbatch.plugin.Api
public class ScoringUnavailableException extends EvalbatchException {

    public ScoringUnavailableException(String message) {
        super(ExitCodes.ERROR, message);
    }
}
