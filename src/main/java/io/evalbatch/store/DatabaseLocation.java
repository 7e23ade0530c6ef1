package io.evalbatch.store;

import org.jspecify.annotations.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where evalbatch's database is, for people and tools that connect to it themselves.
 *
 * @param embedded whether it is the embedded server this process started
 */
public record DatabaseLocation(String jdbcUrl, @Nullable String user, @Nullable String password, boolean embedded) {

    private static final Pattern URL = Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?/([^?]*)(\\?.*)?");

    /** The JDBC URL without user and password parameters, to show. */
    public String shownUrl() {
        return withoutCredentials(jdbcUrl);
    }

    /** The URL without user and password parameters, which would take precedence over the pool's user. */
    static String withoutCredentials(String jdbcUrl) {
        return jdbcUrl.replaceAll("([?&])(user|password)=[^&]*&?", "$1").replaceAll("[?&]$", "");
    }

    /** {@code psql} arguments for this database (the password goes in PGPASSWORD, not here). */
    public List<String> psql() {
        Matcher m = URL.matcher(jdbcUrl);
        List<String> command = new ArrayList<>(List.of("psql"));
        if (m.matches()) {
            command.addAll(List.of("-h", m.group(1), "-p", m.group(2) == null ? "5432" : m.group(2)));
            if (user != null && !user.isBlank()) {
                command.addAll(List.of("-U", user));
            }
            command.add(m.group(3).isEmpty() ? "postgres" : m.group(3));
        }
        return command;
    }
}
