package io.evalbatch.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.evalbatch.report.RunsReport;

/** How the pages write times and input lists: short, with the whole in a title. */
public final class PageText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** UTC, to the second; empty when there is none yet. */
    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant) + " UTC";
    }

    /** A leaderboard cell's difference to its column's best, for its title. */
    public String standing(io.evalbatch.board.BoardCell cell) {
        if (cell.standing() == io.evalbatch.board.Standing.BEST) {
            return "the best of its column (" + cell.documents() + " documents)";
        }
        String error = cell.differenceStderr() == null ? "" : String.format(java.util.Locale.ROOT, " ± %.4f", cell.differenceStderr());
        return String.format(java.util.Locale.ROOT, "%+.4f%s to the best, %s (%d documents)%s", cell.difference(), error,
                cell.paired() ? "paired over the same documents" : "not paired: the runs scored other documents",
                cell.documents(), cell.standing() == io.evalbatch.board.Standing.TIE ? ": within noise" : "");
    }

    /** File names only, at most two and how many more, as {@code evalbatch runs} shows them. */
    public String inputs(String inputs) {
        return inputs == null ? "" : RunsReport.shortInputs(inputs);
    }
}
