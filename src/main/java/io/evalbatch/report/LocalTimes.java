package io.evalbatch.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;

/** How tables show a point in time: in the machine's zone, to the second; "-" for none. */
final class LocalTimes {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private LocalTimes() {
    }

    static String format(@Nullable Instant instant) {
        return instant == null ? "-" : LOCAL.format(instant);
    }
}
