package io.evalbatch.error;

import java.sql.SQLException;
import java.util.Optional;

/**
 * PostgreSQL's disk_full (SQL state 53100) in the words a user reads, wherever it surfaces: as the
 * reason a run failed, or as the error of a command. Foreseeable, unlike other database errors,
 * and said without the server's hint and context lines.
 */
public final class DiskFull {

    private static final String SQL_STATE = "53100";

    private DiskFull() {
    }

    /** "the disk of the database is full (REASON)" when {@code cause} is that error. */
    public static Optional<String> describe(Throwable cause) {
        if (cause instanceof SQLException sql && SQL_STATE.equals(sql.getSQLState())) {
            String reason = String.valueOf(sql.getMessage()).lines().findFirst().orElse("").strip()
                    .replaceFirst("^ERROR:\\s*", "");
            return Optional.of("the disk of the database is full (" + reason + ")");
        }
        return Optional.empty();
    }
}
