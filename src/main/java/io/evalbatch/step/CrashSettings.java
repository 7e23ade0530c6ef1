package io.evalbatch.step;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code EVALBATCH_CRASH_AT=STEP:read:N} or {@code STEP:write:N}: where the crash tests make a
 * process kill itself ({@link CrashPoints}). Unset in normal use; a value that says no point is
 * refused as any bad setting is, in one line.
 *
 * @param crashAt the point as written, blank for none
 */
@ConfigurationProperties("evalbatch")
public record CrashSettings(@DefaultValue("") String crashAt) {

    private static final Pattern POINT = Pattern.compile("([A-Za-z]+):(read|write):([1-9][0-9]*)");

    public CrashSettings {
        if (!crashAt.isBlank() && !POINT.matcher(crashAt.strip()).matches()) {
            throw new IllegalArgumentException("EVALBATCH_CRASH_AT='" + crashAt
                    + "' is not STEP:read:N or STEP:write:N");
        }
    }

    /** The point's step, phase (read or write) and count, or null when unset. */
    @Nullable Matcher point() {
        if (crashAt.isBlank()) {
            return null;
        }
        Matcher m = POINT.matcher(crashAt.strip());
        m.matches();
        return m;
    }
}
