package io.evalbatch.report;

import java.io.PrintWriter;
import java.util.Date;
import java.util.List;

import io.evalbatch.schedule.JobSchedule;
import org.jspecify.annotations.Nullable;

/** Prints the scheduled jobs with their previous and next firing. */
public final class ScheduleReport {

    public void print(PrintWriter out, List<JobSchedule.Entry> entries) {
        if (entries.isEmpty()) {
            out.println("No scheduled jobs. Start a scheduler with: evalbatch schedule [DIR]");
        } else {
            TextTable table = new TextTable(List.of("job", "schedule", "previous firing", "next firing", "definition"));
            entries.forEach(e -> table.add(List.of(e.job(), e.cron(), local(e.previousFire()), local(e.nextFire()),
                    e.file())));
            table.print(out);
        }
        out.flush();
    }

    public static String local(@Nullable Date date) {
        return LocalTimes.format(date == null ? null : date.toInstant());
    }
}
