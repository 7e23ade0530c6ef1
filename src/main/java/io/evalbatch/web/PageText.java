package io.evalbatch.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.evalbatch.report.RunsReport;

/** How the pages write times and input lists: short, with the whole in a title. */
public final class PageText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /**
     * A metric's normal 95 % interval, value ± 1.96 stderr, kept within [0, 1] for the metrics that
     * are shares of documents (pass@k, pass^k, maj@k, exact match): a share cannot be below 0.
     */
    public String interval(io.evalbatch.metrics.MetricRow metric) {
        if (metric.value() == null || metric.stderr() == null) {
            return "";
        }
        double low = metric.value() - 1.96 * metric.stderr();
        double high = metric.value() + 1.96 * metric.stderr();
        if (metric.metric().matches("(pass[@^]|maj@)\\d+|exact_match")) {
            low = Math.max(0, low);
            high = Math.min(1, high);
        }
        return String.format(java.util.Locale.ROOT, "95%% [%.4f, %.4f]", low, high);
    }

    /** "3 min ago", "yesterday": how long ago, at a glance; the exact time goes in a title. */
    public String ago(Instant instant) {
        if (instant == null) {
            return "";
        }
        long seconds = java.time.Duration.between(instant, Instant.now()).getSeconds();
        if (seconds < 45) {
            return "just now";
        }
        if (seconds < 3600) {
            return Math.max(1, Math.round(seconds / 60.0)) + " min ago";
        }
        if (seconds < 86_400) {
            return Math.round(seconds / 3600.0) + " h ago";
        }
        long days = Math.round(seconds / 86_400.0);
        return days == 1 ? "yesterday" : days + " days ago";
    }

    /** How long from start to end (or until now, for a run still going): "850 ms", "12 s", "3 min 4 s", "2 h 5 min". */
    public String duration(Instant start, Instant end) {
        if (start == null) {
            return "";
        }
        return duration(java.time.Duration.between(start, end == null ? Instant.now() : end).toMillis());
    }

    static String duration(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 10_000 && millis % 1000 != 0) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = Math.round(millis / 1000.0);
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        long minutes = Math.round(seconds / 60.0);
        return minutes / 60 + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }

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
