package io.evalbatch.web;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Objects;

/** How the pages write times and input lists: short, with the whole in a title. */
public final class PageText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    /** UTC, to the second; empty when there is none yet. */
    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant) + " UTC";
    }

    /** File names only, at most two and how many more. */
    public String inputs(String inputs) {
        if (inputs == null) {
            return "";
        }
        var names = Arrays.stream(inputs.split(", ")).filter(p -> !p.isBlank()).map(p -> Path.of(p).getFileName())
                .filter(Objects::nonNull).map(Path::toString).toList();
        return names.size() <= 2 ? String.join(", ", names)
                : names.get(0) + ", " + names.get(1) + " (+" + (names.size() - 2) + " more)";
    }
}
