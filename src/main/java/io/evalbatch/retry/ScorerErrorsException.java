package io.evalbatch.retry;

import java.util.List;

import io.evalbatch.error.EvalbatchException;
import io.evalbatch.error.ExitCodes;

/** A run that has more samples its scorer could not score than it allows: it ends FAILED, restartable. */
public class ScorerErrorsException extends EvalbatchException {

    public ScorerErrorsException(String runId, long errors, long unscored, int allowed, List<ScorerErrors.Kind> kinds) {
        super(ExitCodes.RUN_NOT_COMPLETED, message(runId, errors, unscored, allowed, kinds));
    }

    private static String message(String runId, long errors, long unscored, int allowed, List<ScorerErrors.Kind> kinds) {
        StringBuilder text = new StringBuilder();
        if (errors > 0) {
            text.append(errors).append(errors == 1 ? " sample" : " samples").append(" could not be scored (the scorer ")
                    .append("failed, not the answer; execution.max-errors allows ").append(allowed).append("):");
            kinds.forEach(k -> text.append("\n  ").append(k.samples()).append(" × ").append(k.reason()));
        }
        if (unscored > 0) {
            text.append(text.isEmpty() ? "" : "\n").append(unscored).append(unscored == 1 ? " sample has" : " samples have")
                    .append(" no result yet.");
        }
        return text.append("\nNo metric was computed. Fix the cause and run 'evalbatch restart ").append(runId)
                .append("': only these samples are scored again, the others keep their results.").toString();
    }
}
