package io.evalbatch.check;

import java.util.List;

import io.evalbatch.error.EvalbatchException;
import io.evalbatch.error.ExitCodes;

/**
 * Reference solutions that do not pass through the job's filter: the scorer, its options or its
 * environment is wrong for those problems, so the run is refused before it scores anything.
 */
public class FailingReferencesException extends EvalbatchException {

    /** Failures listed in the message; the rest are counted. */
    static final int LISTED = 10;

    public FailingReferencesException(String source, ReferenceReport report) {
        super(ExitCodes.INVALID_INPUT, message(source, report));
    }

    private static String message(String source, ReferenceReport report) {
        List<ReferenceOutcome> failing = report.failing();
        StringBuilder text = new StringBuilder(source).append(": ").append(report.summary())
                .append("; a known-good answer that does not pass means the scorer or its environment is wrong, "
                        + "so the run was not created:");
        failing.stream().limit(LISTED).forEach(r -> text.append("\n  ").append(r.task()).append(' ').append(r.docId())
                .append(": ").append(r.outcome()).append(r.detail() == null ? "" : " — " + firstLine(r.detail())));
        if (failing.size() > LISTED) {
            text.append("\n  ... and ").append(failing.size() - LISTED).append(" more ('evalbatch check' lists all)");
        }
        return text.append("\nFix the cause, or run anyway with --allow-failing-references (check: {allow-failing: true}).")
                .toString();
    }

    /** The head of the reason, on one line. */
    private static String firstLine(String detail) {
        String line = String.join(" | ", detail.lines().map(String::strip).filter(l -> !l.isEmpty()).limit(3).toList());
        return line.length() <= 240 ? line : line.substring(0, 240) + "...";
    }
}
