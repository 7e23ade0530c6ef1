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

    /** File names only, at most two and how many more, as {@code evalbatch runs} shows them. */
    public String inputs(String inputs) {
        return inputs == null ? "" : RunsReport.shortInputs(inputs);
    }
}
